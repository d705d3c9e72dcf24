using System.Runtime.Versioning;
using HecnetJobs.Jobs;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The link-probe job end to end: the real simulator, its real ncp, a real database.</summary>
public sealed class LinkProbeJobTests : IAsyncLifetime, IDisposable
{
    private LinkProbeSimulator _sim = null!;
    private LinkProbeRig _rig = null!;

    public async Task InitializeAsync()
    {
        _sim = await LinkProbeSimulator.StartAsync();
        _rig = new LinkProbeRig(_sim);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _rig?.Dispose();
        _sim?.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_target_made_unreachable_raises_one_down_alert_at_the_second_check()
    {
        var options = LinkProbeRig.Probe();
        await _rig.RunTimesAsync(2, options);
        await _sim.CtlAsync("unreachable", "MIM");

        await _rig.RunAsync(options);
        Assert.Empty(_rig.Alerts);
        await _rig.RunAsync(options);
        await _rig.RunAsync(options);

        var alert = Assert.Single(_rig.Alerts);
        Assert.Equal((LinkProbeRig.Job, "link.down", "critical", "link MIM down"), (alert.Source, alert.Kind, alert.Severity, alert.Subject));
        Assert.StartsWith("ncp reports node 1.13 (MIM) unreachable.\nDiagnosis: ", alert.Body);
        Assert.Contains("  1.13 (MIM)      Unreachable\n", alert.Body);
        Assert.Contains("Before that it was up for ", alert.Body);
        Assert.Equal(LinkStates.Down, _rig.Links.Load("MIM")!.State);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_real_outage_raises_exactly_one_down_and_one_up_alert()
    {
        var options = LinkProbeRig.Probe();
        await _rig.RunTimesAsync(2, options);

        await _sim.CtlAsync("unreachable", "MIM");
        await _rig.RunTimesAsync(4, options);
        await _sim.CtlAsync("reachable", "MIM");
        await _rig.RunTimesAsync(3, options);

        Assert.Equal(["link.down", "link.up"], _rig.Alerts.Select(a => a.Kind));
        var up = _rig.Alerts[1];
        Assert.Equal("info", up.Severity);
        Assert.StartsWith("link MIM up, was down ", up.Subject);
        Assert.StartsWith("node 1.13 (MIM) is reachable: circuit DMC-0, next node 1.13 (MIM).\nLink MIM was down for ", up.Body);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_link_flapping_inside_the_debounce_window_raises_no_alert()
    {
        var options = LinkProbeRig.Probe();
        await _rig.RunTimesAsync(2, options);

        for (var i = 0; i < 3; i++)
        {
            await _sim.CtlAsync("unreachable", "MIM");
            await _rig.RunAsync(options);
            await _sim.CtlAsync("reachable", "MIM");
            await _rig.RunAsync(options);
        }

        Assert.Empty(_rig.Alerts);
        var state = _rig.Links.Load("MIM")!;
        Assert.Equal(LinkStates.Up, state.State);
        Assert.Equal(8, _rig.Links.Checks("MIM", DateTimeOffset.MinValue).Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task PyDECnet_stopped_makes_the_checks_unknown_and_leaves_the_link_up()
    {
        var options = LinkProbeRig.Probe();
        await _rig.RunTimesAsync(2, options);

        await _sim.StopAsync();
        var outcome = await _rig.RunTimesAsync(3, options);

        Assert.Empty(_rig.Alerts);
        var state = _rig.Links.Load("MIM")!;
        Assert.Equal((LinkStates.Up, LinkStates.Unknown), (state.State, state.Shown));
        var last = _rig.Links.Checks("MIM", DateTimeOffset.MinValue)[^1];
        Assert.Equal(("unknown", NcpReplyKinds.StaleSocket, 1), (last.Verdict, last.Kind, last.ExitCode));
        Assert.Equal("PyDECnet is not running: its API socket file was left behind and refuses connections (ConnectionRefusedError)", last.Reason);
        Assert.Equal($"MIM up, check unknown: {last.Reason}", outcome.Summary);
        Assert.True(outcome.Succeeded);
    }

    [Fact(Timeout = 60_000)]
    [UnsupportedOSPlatform("windows")]
    public async Task An_ncp_waiting_on_a_stopped_pydecnet_is_killed_with_its_children_after_the_timeout()
    {
        // A wrapper that runs the simulator's ncp as its child, so the killed process is a tree of two.
        var wrapper = _sim.Dir.Write("ncp-wrapper", $"""
            #!/bin/sh
            "{LinkProbeSimulator.Ncp}" "$@" &
            echo $! > "{_sim.Dir.File("child.pid")}"
            echo $$ > "{_sim.Dir.File("wrapper.pid")}"
            wait $!
            """);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new LinkProbeOptions { NcpCommand = wrapper, Timeout = TimeSpan.FromSeconds(2), Targets = ["MIM"] };
        await _sim.CtlAsync("hang");

        var outcome = await _rig.RunAsync(options);

        var check = Assert.Single(_rig.Links.Checks("MIM", DateTimeOffset.MinValue));
        Assert.Equal(("unknown", NcpReplyKinds.Timeout, (int?)null), (check.Verdict, check.Kind, check.ExitCode));
        Assert.Equal("ncp gave no answer about node 'MIM' before the timeout: PyDECnet seems hung (killed after 2s)", check.Reason);
        Assert.True(outcome.Succeeded);
        foreach (var pidFile in new[] { "wrapper.pid", "child.pid" })
        {
            var pid = int.Parse(File.ReadAllText(_sim.Dir.File(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            await Support.Poll.UntilAsync(() => !IsRunning(pid), $"{pidFile} (PID {pid}) to be gone", () => File.ReadAllText($"/proc/{pid}/status"));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_check_is_recorded_with_its_verdict_kind_exit_code_and_duration()
    {
        var options = LinkProbeRig.Probe(targets: ["MIM", "1.2"]);

        await _rig.RunAsync(options);

        var mim = Assert.Single(_rig.Links.Checks("MIM", DateTimeOffset.MinValue));
        Assert.Equal((LinkProbeRig.Job, "up", NcpReplyKinds.Reachable, 0), (mim.Source, mim.Verdict, mim.Kind, mim.ExitCode));
        Assert.Equal("node 1.13 (MIM) is reachable: circuit DMC-0, next node 1.13 (MIM)", mim.Reason);
        Assert.NotNull(mim.ElapsedMs);
        Assert.Equal("node 1.2 (ERNIE) is reachable: circuit DMC-0, next node 1.13 (MIM)", Assert.Single(_rig.Links.Checks("1.2", DateTimeOffset.MinValue)).Reason);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_targets_of_the_job_data_map_replace_the_configured_ones()
    {
        var options = LinkProbeRig.Probe();

        var outcome = await _rig.RunAsync(options, new Dictionary<string, string> { [LinkProbeJob.TargetsKey] = "ernie, 9.20" });

        Assert.Equal("ERNIE unknown, 1 of 2 up checks; 9.20 unknown, 1 of 2 up checks", outcome.Summary);
        Assert.Equal(["9.20", "ERNIE"], _rig.Links.LoadAll().Select(l => l.Target));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_target_ncp_does_not_know_fails_the_run_and_says_to_check_the_name()
    {
        var outcome = await _rig.RunAsync(LinkProbeRig.Probe(targets: ["FOOBAR", "MIM"]));

        Assert.False(outcome.Succeeded);
        Assert.Equal("ncp does not know node 'FOOBAR' (Error reply from NML: Unrecognized component): check the target name; MIM unknown, 1 of 2 up checks", outcome.Summary);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_ncp_command_not_on_path_fails_the_run_naming_the_config_key()
    {
        var options = new LinkProbeOptions { NcpCommand = "no-such-ncp-here" };

        var error = await Assert.ThrowsAsync<HecnetJobsException>(() => _rig.RunAsync(options));

        Assert.StartsWith($"{_rig.ConfigFile}: 'linkProbe.ncpCommand': 'no-such-ncp-here' is not on PATH (", error.Message);
        Assert.EndsWith("); give its full path", error.Message);
        Assert.Equal(ExitCodes.Config, error.ExitCode);
    }

    private static bool IsRunning(int pid)
    {
        var status = $"/proc/{pid}/status";
        // A zombie has exited; it only waits for its parent to read its exit code.
        return File.Exists(status) && !File.ReadLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("zombie", StringComparison.Ordinal));
    }
}
