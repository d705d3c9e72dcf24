using System.Runtime.Versioning;
using HecnetJobs.Jobs;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>A restart asked for by another job (new node names): the same stop, start and records as a crash restart.</summary>
[SupportedOSPlatform("linux")]
public sealed class WatchdogRestartOnRequestTests : IDisposable
{
    private readonly SimNode _sim = new();
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(50));

    public void Dispose()
    {
        _sim.Dispose();
        _deadline.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_requested_restart_stops_the_running_pydecnet_and_starts_a_new_one_with_the_reason_recorded()
    {
        _sim.Control(new { termDelaySeconds = 0.2 });
        await _sim.RunWatchdogAsync(_deadline.Token);
        var old = _sim.SimPid!.Value;

        var outcome = await _sim.NewWatchdog().RestartOnRequestAsync(SimNode.Job, "new node names", _deadline.Token);

        var pid = _sim.SimPid!.Value;
        Assert.NotEqual(old, pid);
        Assert.False(SimNode.IsAlive(old));
        Assert.Matches($@"^restarted PyDECnet \(requested\): PID {pid} answering after \d+ ms$", outcome.Summary);
        Assert.Equal((PydecnetStates.Running, "requested: new node names"), (_sim.State!.State, _sim.State.LastRestartReason));
        Assert.Matches($@"^stopped PID {old} with SIGTERM in \d\.\d s$", Assert.Single(_sim.Events(WatchdogEvents.Stop)).Detail);
        Assert.Equal(["PyDECnet started (was not running)", "PyDECnet restarted (new node names)"], _sim.AlertSubjects());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_requested_restart_while_backing_off_waits_like_any_other()
    {
        _sim.Watchdog = new WatchdogOptions { RestartBurst = 1, ProbeTimeout = TimeSpan.FromMilliseconds(300), StopGrace = TimeSpan.FromSeconds(1) };
        _sim.Control(new { termDelaySeconds = 0.2 });
        await _sim.RunWatchdogAsync(_deadline.Token);
        var pid = _sim.SimPid!.Value;

        var outcome = await _sim.NewWatchdog().RestartOnRequestAsync(SimNode.Job, "new node names", _deadline.Token);

        Assert.False(outcome.Succeeded);
        Assert.Matches(@"^restart for new node names deferred: restarting too often \(1 attempts since .+\), next attempt at .+$", outcome.Summary);
        Assert.True(SimNode.IsAlive(pid), "a deferred restart must leave the running PyDECnet alone");
        Assert.Equal((PydecnetStates.Running, false), (_sim.State!.State, _sim.State.BudgetAlerted));
        Assert.Equal(["PyDECnet started (was not running)"], _sim.AlertSubjects());
    }
}
