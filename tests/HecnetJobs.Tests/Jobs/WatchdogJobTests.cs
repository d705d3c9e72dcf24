using System.Runtime.Versioning;
using HecnetJobs.Jobs;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The watchdog against real simulator processes: starting, crash restarts, PID files, duplicates, a healthy PyDECnet.</summary>
[SupportedOSPlatform("linux")]
public sealed class WatchdogJobTests : IDisposable
{
    private readonly SimNode _sim = new();
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(50));

    public void Dispose()
    {
        _sim.Dispose();
        _deadline.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task Watchdog_starts_pydecnet_when_it_is_not_running()
    {
        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        var pid = _sim.SimPid!.Value;
        Assert.True(outcome.Succeeded);
        Assert.Matches($@"^started PyDECnet \(was not running\): PID {pid} answering after \d+ ms$", outcome.Summary);
        var state = _sim.State!;
        Assert.Equal((PydecnetStates.Running, pid, "not running", null), (state.State, state.Pid, state.LastRestartReason, state.Problem));
        var events = _sim.Events();
        Assert.Equal(["state", "state", "spawn", "restart", "state"], events.Select(e => e.Kind));
        Assert.Equal("unknown -> down: PyDECnet is not running", events[0].Detail);
        Assert.Equal("down -> restarting: not running: PyDECnet is not running", events[1].Detail);
        Assert.Matches($@"^not running; PID {pid} answering after \d+ ms$", events[3].Detail);
        Assert.Equal($"restarting -> running: restarted (not running), PID {pid}", events[4].Detail);
        Assert.Equal(["PyDECnet started (was not running)"], _sim.AlertSubjects());
        Assert.True(SimNode.IsAlive(pid));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_pydecnet_last_seen_running_before_the_machine_booted_is_started_as_after_a_host_restart_not_a_crash()
    {
        await _sim.RunWatchdogAsync(_deadline.Token);
        var old = _sim.SimPid!.Value;
        await _sim.CrashAsync(old);
        // As after a reboot: the last check that saw it running was before this machine's boot.
        var boot = new HecnetJobs.Pydecnet.ProcessTable().BootTime()!.Value;
        _sim.Store.Save(SimNode.Job, _sim.State! with { CheckedAt = boot.AddMinutes(-1) }, [], []);
        var eventsBefore = _sim.Events().Count;

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        var pid = _sim.SimPid!.Value;
        Assert.True(outcome.Succeeded);
        Assert.Matches($@"^started PyDECnet \(the host restarted\): PID {pid} answering after \d+ ms$", outcome.Summary);
        var restart = _sim.Events().Skip(eventsBefore).Single(e => e.Kind == "restart");
        Assert.StartsWith("host restarted: the host restarted at ", restart.Detail, StringComparison.Ordinal);
        Assert.StartsWith("host restarted: ", _sim.State!.LastRestartReason, StringComparison.Ordinal);
        Assert.Equal(["PyDECnet started (was not running)", "PyDECnet started (the host restarted)"], _sim.AlertSubjects());
        var alert = new HecnetJobs.Store.AlertStore(_sim.Database).Since(DateTimeOffset.UnixEpoch)[^1];
        Assert.Equal("info", alert.Severity);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_second_run_while_pydecnet_is_healthy_changes_nothing()
    {
        await _sim.RunWatchdogAsync(_deadline.Token);
        var before = _sim.State!;
        var eventsBefore = _sim.Events().Count;

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.True(outcome.Succeeded);
        Assert.Equal($"PyDECnet running, PID {before.Pid}, answering", outcome.Summary);
        Assert.Equal(before with { CheckedAt = null }, _sim.State! with { CheckedAt = null });
        Assert.Equal(eventsBefore, _sim.Events().Count);
        Assert.Equal(["PyDECnet started (was not running)"], _sim.AlertSubjects());
    }

    [Fact(Timeout = 60_000)]
    public async Task Watchdog_restarts_pydecnet_after_it_is_killed_and_removes_the_stale_socket()
    {
        await _sim.RunWatchdogAsync(_deadline.Token);
        var old = _sim.SimPid!.Value;
        await _sim.CrashAsync(old);
        Assert.True(File.Exists(_sim.ApiSocket), "a killed PyDECnet leaves its socket file behind");
        var eventsBefore = _sim.Events().Count;

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        var pid = _sim.SimPid!.Value;
        Assert.NotEqual(old, pid);
        Assert.True(outcome.Succeeded);
        Assert.Matches($@"^restarted PyDECnet \(crash\): PID {pid} answering after \d+ ms$", outcome.Summary);
        var events = _sim.Events().Skip(eventsBefore).ToList();
        Assert.Equal(["state", "state", "socket-removed", "spawn", "restart", "state"], events.Select(e => e.Kind));
        Assert.Equal($"running -> down: PID {old} exited", events[0].Detail);
        Assert.Equal($"removed stale API socket {_sim.ApiSocket}", events[2].Detail);
        Assert.Matches($@"^crash: PID {old} exited; PID {pid} answering after \d+ ms$", events[4].Detail);
        var state = _sim.State!;
        Assert.Equal((PydecnetStates.Running, pid, $"crash: PID {old} exited"), (state.State, state.Pid, state.LastRestartReason));
        Assert.Equal(["PyDECnet started (was not running)", "PyDECnet restarted (crash)"], _sim.AlertSubjects());
        var body = new HecnetJobs.Store.AlertStore(_sim.Database).Since(DateTimeOffset.UnixEpoch)[^1].Body;
        Assert.StartsWith($"PyDECnet was restarted: crash: PID {old} exited.\n", body, StringComparison.Ordinal);
        // The log lines in the alert are the crashed process's, taken before the new one wrote anything.
        var tail = body[body.IndexOf($"Before the restart, the last lines of {_sim.ConsoleLog}:", StringComparison.Ordinal)..];
        Assert.Contains("DECnet/Python is running", tail, StringComparison.Ordinal);
        Assert.Equal(1, tail.Split("Starting DECnet/Python").Length - 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_pid_file_naming_an_unrelated_live_process_is_recognised_as_stale()
    {
        var sleeper = _sim.StartOther("sleep", "300");
        var pidFile = _sim.Dir.Write("pydecnet.pid", $"{sleeper.Id}\n");
        _sim.Pydecnet = _sim.PydecnetWith(pidFile: pidFile);

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Matches($@"^started PyDECnet \(was not running\): PID {_sim.SimPid} answering after \d+ ms$", outcome.Summary);
        Assert.Equal(
            $"unknown -> down: PyDECnet is not running (PID file {pidFile} names PID {sleeper.Id}, which is another program (stale PID file))",
            _sim.Events()[0].Detail);
        Assert.False(sleeper.HasExited, "the unrelated process must not be touched");
        Assert.Equal($"PyDECnet running, PID {_sim.SimPid}, answering", (await _sim.RunWatchdogAsync(_deadline.Token)).Summary);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_pid_file_holding_garbage_is_ignored_and_said_so()
    {
        var pidFile = _sim.Dir.Write("pydecnet.pid", "not a pid\n");
        _sim.Pydecnet = _sim.PydecnetWith(pidFile: pidFile);

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Matches($@"^started PyDECnet \(was not running\): PID {_sim.SimPid} answering after \d+ ms$", outcome.Summary);
        Assert.Equal(
            $"unknown -> down: PyDECnet is not running (PID file {pidFile} holds 'not a pid', not a process number (ignored))",
            _sim.Events()[0].Detail);
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_pydecnets_running_raise_one_duplicate_alert_and_neither_is_killed()
    {
        var first = await _sim.StartSimAsync();
        // The owner deleted the socket and started another one: both now match the configured command line.
        File.Delete(_sim.ApiSocket);
        var second = await _sim.StartSimAsync();
        var low = Math.Min(first, second);

        var outcomes = new[] { await _sim.RunWatchdogAsync(_deadline.Token), await _sim.RunWatchdogAsync(_deadline.Token) };

        Assert.All(outcomes, o => Assert.Equal($"PyDECnet running, PID {low}, answering", o.Summary));
        Assert.Equal(["2 PyDECnet processes running"], _sim.AlertSubjects());
        var duplicate = $"2 PyDECnet processes are running (PIDs {low}, {Math.Max(first, second)}); only one can own the API socket and the circuits";
        Assert.Equal([duplicate, "unknown -> running: running and answering"], _sim.Events().Select(e => e.Detail));
        Assert.True(SimNode.IsAlive(first) && SimNode.IsAlive(second), "the watchdog must not choose which one to stop");
        Assert.Equal(PydecnetStates.Running, _sim.State!.State);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_pydecnet_started_with_daemon_is_found_by_its_pid_file_after_the_start()
    {
        var pidFile = _sim.Dir.File("pydecnet.pid");
        _sim.Pydecnet = new()
        {
            Command = RepoPaths.Sim("pydecnet"),
            Arguments = ["--daemon", "--pid-file", pidFile, _sim.ConfigFile],
            WorkingDirectory = _sim.Dir.Path,
            ConsoleLog = _sim.ConsoleLog,
            PidFile = pidFile,
            ApiSocket = _sim.ApiSocket,
        };

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.True(outcome.Succeeded, outcome.Summary + "\n" + _sim.Dump());
        Assert.Matches($@"^started PyDECnet \(was not running\): PID {_sim.SimPid} answering after \d+ ms$", outcome.Summary);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_executable_is_a_start_failure_that_names_the_path()
    {
        var missing = _sim.Dir.File("no-such-pydecnet");
        _sim.Pydecnet = _sim.PydecnetWith(command: missing);

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.False(outcome.Succeeded);
        Assert.Equal($"PyDECnet could not be started: 'pydecnet.command': '{missing}' does not exist", outcome.Summary);
        var state = _sim.State!;
        Assert.Equal((PydecnetStates.Down, null, $"start failed (launch): 'pydecnet.command': '{missing}' does not exist"), (state.State, state.Pid, state.Problem));
        Assert.Equal(["state", "state", "start-failed", "state"], _sim.EventKinds());
        Assert.Equal(["PyDECnet down: start failed (launch)"], _sim.AlertSubjects());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_command_without_execute_permission_is_a_start_failure_that_says_how_to_fix_it()
    {
        var plain = _sim.Dir.Write("pydecnet-copy", File.ReadAllText(RepoPaths.Sim("pydecnet")));
        File.SetUnixFileMode(plain, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _sim.Pydecnet = _sim.PydecnetWith(command: plain);

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Equal($"PyDECnet could not be started: 'pydecnet.command': '{plain}' is not executable (chmod +x it, or make python3 the command and the script the first argument)", outcome.Summary);
        Assert.Equal($"start failed (launch): 'pydecnet.command': '{plain}' is not executable (chmod +x it, or make python3 the command and the script the first argument)", _sim.State!.Problem);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_oneshot_trigger_starts_pydecnet_in_its_own_session_and_it_outlives_the_run()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("watchdog", "watchdog"), _sim.ConfigSections());

        var run = await fixture.RunAsync("trigger", "watchdog", "--wait");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var pid = _sim.SimPid!.Value;
        Assert.Matches($@"^watchdog: success: started PyDECnet \(was not running\): PID {pid} answering after \d+ ms$", run.Stdout.Trim());
        Assert.True(SimNode.IsAlive(pid), "PyDECnet must outlive the one-shot run that started it");
        Assert.Equal(pid, SimNode.SessionOf(pid));
    }
}
