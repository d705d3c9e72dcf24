using System.Diagnostics;
using System.Runtime.Versioning;
using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The restart after new names, against real simulator processes that accept and refuse names files as PyDECnet does.</summary>
[SupportedOSPlatform("linux")]
public sealed class NameRefreshRestartTests : IDisposable
{
    private readonly SimNode _sim = new();
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(50));

    public NameRefreshRestartTests()
    {
        _sim.Dir.Write("node.conf", $"""
            routing 9.54 --type l2router
            node 1.13 MIM
            node 9.54 SAMPLE
            node @names.dat
            circuit dmc-0 DDCMP --mode tcp --cost 3
            api {_sim.ApiSocket}
            """);
        _sim.Dir.Write("names.dat", "1.13 MIM\n");
    }

    private string NamesFile => _sim.Dir.File("names.dat");

    public void Dispose()
    {
        _sim.Dispose();
        _deadline.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task The_file_written_starts_pydecnet_and_it_knows_the_new_names()
    {
        await _sim.RunWatchdogAsync(_deadline.Token);
        var old = _sim.SimPid!.Value;

        var outcome = await RunAsync("1.13 MIM\n1.2 ERNIE\n1.5 BERT\n");

        var pid = _sim.SimPid!.Value;
        Assert.True(outcome.Succeeded, outcome.Summary + "\n" + _sim.Dump());
        Assert.Matches($@"^2 added; wrote {NamesFile} \(3 entries\); restarted PyDECnet \(requested\): PID {pid} answering after \d+ ms$", outcome.Summary);
        Assert.NotEqual(old, pid);
        Assert.Equal("requested: new node names", _sim.State!.LastRestartReason);
        Assert.Contains("1.5 (BERT)", await NcpAsync("show", "node", "BERT"), StringComparison.Ordinal);
        Assert.Null(State()!.PendingRestart);
        Assert.Equal(["PyDECnet started (was not running)", "PyDECnet restarted (new node names)"], _sim.AlertSubjects());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_new_file_pydecnet_refuses_is_replaced_by_the_backup_and_pydecnet_restarted_with_it()
    {
        await _sim.RunWatchdogAsync(_deadline.Token);
        // 1.13 is named MIM by a node line in node.conf itself, which the validator does not read: only PyDECnet notices.
        const string list = "1.2 ERNIE\n1.13 HUB\n";

        var outcome = await RunAsync(list, pinned: []);

        var pid = _sim.SimPid!.Value;
        Assert.False(outcome.Succeeded);
        Assert.Matches(
            $@"^1 added, 1 renamed \(1\.13 MIM -> HUB\); wrote {NamesFile} \(2 entries\); PyDECnet refused the new file \(Conflicting value for node address: 'node 1\.13 HUB'\), so the previous one was put back; restarted PyDECnet \(requested\): PID {pid} answering after \d+ ms$",
            outcome.Summary);
        Assert.Equal("1.13 MIM\n", File.ReadAllText(NamesFile));
        Assert.Equal("1.2 ERNIE\n1.13 HUB\n", File.ReadAllText(NamesFile + ".refused"));
        Assert.Equal(PydecnetStates.Running, _sim.State!.State);
        Assert.Equal("requested: previous node names restored", _sim.State.LastRestartReason);
        var alerts = new AlertStore(_sim.Database).Since(DateTimeOffset.UnixEpoch);
        var restored = Assert.Single(alerts, a => a.Kind == "names.restored");
        Assert.Equal(("warning", "PyDECnet refused the new node names; previous names restored"), (restored.Severity, restored.Subject));
        Assert.StartsWith($"PyDECnet would not start with the new names file {NamesFile}.\nThe previous file ({NamesFile}.bak) was put back and PyDECnet restarted: restarted PyDECnet (requested)", restored.Body.ReplaceLineEndings("\n"));
        Assert.Contains("Config file parse error in", restored.Body, StringComparison.Ordinal);
        Assert.Matches("^PyDECnet refused the new names file: Conflicting value for node address: 'node 1.13 HUB'$", State()!.Refused);

        var again = await RunAsync(list, pinned: []);

        Assert.False(again.Succeeded);
        Assert.Matches($@"^refused the node list from file://.+: PyDECnet refused this same list at \d{{4}}-\d\d-\d\d \d\d:\d\d; waiting for a different one; kept {NamesFile} \(1 entry\)$", again.Summary);
        Assert.Equal(pid, _sim.SimPid);
    }

    [Fact(Timeout = 60_000)]
    public async Task With_a_quiet_hour_the_restart_waits_and_is_done_by_the_first_run_after_it()
    {
        await _sim.RunWatchdogAsync(_deadline.Token);
        var old = _sim.SimPid!.Value;
        var quiet = TimeOnly.FromDateTime(TimeProvider.System.GetLocalNow().AddHours(2).DateTime);

        var outcome = await RunAsync("1.13 MIM\n1.2 ERNIE\n", restart: NamesRestartMode.QuietHour, quietHour: new TimeOnly(quiet.Hour, quiet.Minute));

        Assert.Matches(@"; PyDECnet restart waits for the quiet hour \(\d{4}-\d\d-\d\d \d\d:\d\d\)$", outcome.Summary);
        Assert.Equal(old, _sim.SimPid);
        Assert.NotNull(State()!.PendingRestart);

        // The quiet hour has come: the next run, with nothing new to write, does the restart it owes.
        using (var connection = _sim.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE hj_names SET pending_restart = '2000-01-01T00:00:00.000Z';";
            command.ExecuteNonQuery();
        }
        var later = await RunAsync("1.13 MIM\n1.2 ERNIE\n", restart: NamesRestartMode.QuietHour, quietHour: new TimeOnly(quiet.Hour, quiet.Minute));

        Assert.Matches($@"^no change: {NamesFile} already holds this list \(2 entries\); restarted PyDECnet \(requested\): PID \d+ answering after \d+ ms$", later.Summary);
        Assert.NotEqual(old, _sim.SimPid);
        Assert.Null(State()!.PendingRestart);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_restart_the_watchdog_defers_stays_pending_and_pydecnet_keeps_running()
    {
        _sim.Watchdog = new WatchdogOptions { RestartBurst = 1, ProbeTimeout = TimeSpan.FromMilliseconds(300), StopGrace = TimeSpan.FromSeconds(1) };
        await _sim.RunWatchdogAsync(_deadline.Token);
        var pid = _sim.SimPid!.Value;

        var outcome = await RunAsync("1.13 MIM\n1.2 ERNIE\n");

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Matches(@"; restart for new node names deferred: restarting too often \(1 attempts since .+\), next attempt at .+; the next run tries again$", outcome.Summary);
        Assert.Equal(pid, _sim.SimPid);
        Assert.True(SimNode.IsAlive(pid));
        Assert.Equal("new node names", State()!.PendingReason);
    }

    private NamesState? State() => new NamesStore(_sim.Database).Load(NameRefreshRig.Job);

    [Fact(Timeout = 60_000)]
    public async Task The_pending_only_trigger_downloads_nothing_and_does_a_restart_only_once_it_is_due()
    {
        await _sim.RunWatchdogAsync(_deadline.Token);
        var old = _sim.SimPid!.Value;
        var quiet = TimeOnly.FromDateTime(TimeProvider.System.GetLocalNow().AddHours(2).DateTime);
        var quietHour = new TimeOnly(quiet.Hour, quiet.Minute);
        var nothing = await RunAsync("1.13 MIM\n", restart: NamesRestartMode.QuietHour, quietHour: quietHour, pendingOnly: true);
        await RunAsync("1.13 MIM\n1.2 ERNIE\n", restart: NamesRestartMode.QuietHour, quietHour: quietHour);

        var waiting = await RunAsync("not even read", restart: NamesRestartMode.QuietHour, quietHour: quietHour, pendingOnly: true);
        using (var connection = _sim.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE hj_names SET pending_restart = '2000-01-01T00:00:00.000Z';";
            command.ExecuteNonQuery();
        }
        var due = await RunAsync("not even read", restart: NamesRestartMode.QuietHour, quietHour: quietHour, pendingOnly: true);

        Assert.Equal("no PyDECnet restart pending for new names", nothing.Summary);
        Assert.Matches(@"^PyDECnet restart for new names waits for \d{4}-\d\d-\d\d \d\d:\d\d$", waiting.Summary);
        Assert.Matches(@"^pending restart for new names; restarted PyDECnet \(requested\): PID \d+ answering after \d+ ms$", due.Summary);
        Assert.NotEqual(old, _sim.SimPid);
        Assert.Null(State()!.PendingRestart);
    }

    private async Task<JobOutcome> RunAsync(string list, IReadOnlyList<HecnetJobs.Pydecnet.NodeEntry>? pinned = null, NamesRestartMode restart = NamesRestartMode.Now, TimeOnly? quietHour = null, bool pendingOnly = false)
    {
        var source = _sim.Dir.Write("hecnod.txt", list);
        var simOptions = _sim.Options();
        var options = new HecnetJobsOptions
        {
            ConfigFile = simOptions.ConfigFile,
            DataDir = simOptions.DataDir,
            JobsFile = simOptions.JobsFile,
            Logging = simOptions.Logging,
            Status = simOptions.Status,
            Housekeeping = simOptions.Housekeeping,
            Pydecnet = simOptions.Pydecnet,
            Watchdog = simOptions.Watchdog,
            Vitals = simOptions.Vitals,
            NameRefresh = new NameRefreshOptions
            {
                Url = new Uri(source),
                Pinned = pinned ?? new NameRefreshOptions().Pinned,
                Restart = restart,
                QuietHour = quietHour,
                WatchdogJob = SimNode.Job,
            },
        };
        var job = new NameRefreshJob(new JobServices(options, _sim.Database, TimeProvider.System, NullLoggerFactory.Instance));
        var data = pendingOnly ? new Dictionary<string, string> { [NameRefreshJob.PendingOnlyKey] = "true" } : new Dictionary<string, string>();
        return await job.RunAsync(new JobRunContext(NameRefreshRig.Job, data, "cli"), _deadline.Token);
    }

    private async Task<string> NcpAsync(params string[] args)
    {
        var info = new ProcessStartInfo(RepoPaths.Sim("ncp")) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DECNETAPI"] = _sim.ApiSocket;
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(_deadline.Token);
        await process.WaitForExitAsync(_deadline.Token);
        return output;
    }
}
