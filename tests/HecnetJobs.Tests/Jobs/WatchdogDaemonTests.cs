using System.Runtime.Versioning;
using HecnetJobs.Jobs;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The watchdog inside the real daemon: PyDECnet started at once, restarted on its exit without waiting for the schedule.</summary>
[SupportedOSPlatform("linux")]
public sealed class WatchdogDaemonTests : IDisposable
{
    private static readonly string Schedule =
        TestFiles.Job("watchdog", "watchdog") + TestFiles.SimpleTrigger("watchdog-hourly", "watchdog", 3_600_000);

    private readonly SimNode _sim = new();
    private readonly DaemonFixture _fixture;

    public WatchdogDaemonTests()
    {
        _fixture = new DaemonFixture(Schedule, _sim.ConfigSections());
    }

    public void Dispose()
    {
        _fixture.Dispose();
        _sim.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task The_daemon_starts_pydecnet_restarts_it_on_exit_without_waiting_for_the_schedule_and_leaves_it_running_when_killed()
    {
        using var daemon = await _fixture.StartDaemonAsync();
        var store = new WatchdogStore(new Database(_fixture.DatabaseFile));
        string Dump() => $"daemon stderr:\n{daemon.Stderr}\n{_sim.Dump()}";

        await Poll.UntilAsync(() => store.Load(SimNode.Job) is { State: PydecnetStates.Running, Pid: { } p } && p == _sim.SimPid,
            "the daemon's first watchdog run to start PyDECnet", Dump);
        var first = _sim.SimPid!.Value;

        await _sim.CrashAsync(first);
        await Poll.UntilAsync(() => store.Load(SimNode.Job) is { State: PydecnetStates.Running, Pid: { } p } && p != first && p == _sim.SimPid,
            "the restart after PyDECnet's exit", Dump, TimeSpan.FromSeconds(15));

        var second = _sim.SimPid!.Value;
        Assert.Equal($"crash: PID {first} exited", store.Load(SimNode.Job)!.LastRestartReason);
        // The restart was the work of one run woken by the exit, not of the hourly schedule. Under a loaded full suite a
        // second exit-woken run, finding PyDECnet running, was seen now and then; it restarts nothing, so it is not counted.
        Assert.Equal(1, _fixture.Scalar("SELECT count(*) FROM hj_job_runs WHERE job = 'watchdog' AND origin = 'exit' AND summary LIKE 'restarted PyDECnet (crash)%'"));
        Assert.Equal(1, _fixture.Scalar("SELECT count(*) FROM hj_job_runs WHERE job = 'watchdog' AND summary LIKE 'restarted PyDECnet%'"));

        daemon.Signal(Signals.SIGKILL);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.True(SimNode.IsAlive(second), "PyDECnet must survive the daemon's death");
        Assert.Equal(second, SimNode.SessionOf(second));
    }
}
