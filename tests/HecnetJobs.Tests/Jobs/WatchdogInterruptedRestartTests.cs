using System.Runtime.Versioning;
using HecnetJobs.Jobs;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>HecnetJobs died in the middle of a restart (the state row says "restarting"): the next run finishes the job, never doubling PyDECnet.</summary>
[SupportedOSPlatform("linux")]
public sealed class WatchdogInterruptedRestartTests : IDisposable
{
    private readonly SimNode _sim = new();
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(50));

    public void Dispose()
    {
        _sim.Dispose();
        _deadline.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_restart_cut_off_before_the_start_is_finished_by_the_next_run()
    {
        var now = TimeProvider.System.GetUtcNow();
        _sim.Store.Save(SimNode.Job, new WatchdogState(PydecnetStates.Restarting, now, Pid: 999_999, Problem: "PID 999999 exited"), [], []);

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Matches($@"^restarted PyDECnet \(crash\): PID {_sim.SimPid} answering after \d+ ms$", outcome.Summary);
        Assert.Equal(PydecnetStates.Running, _sim.State!.State);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_restart_cut_off_after_the_start_adopts_the_pydecnet_it_started_and_starts_no_second_one()
    {
        var pid = await _sim.StartSimAsync();
        var now = TimeProvider.System.GetUtcNow();
        _sim.Store.Save(SimNode.Job, new WatchdogState(PydecnetStates.Restarting, now, Pid: 999_999, Problem: "PID 999999 exited"), [], []);

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Equal($"PyDECnet running, PID {pid}, answering", outcome.Summary);
        Assert.Equal((PydecnetStates.Running, pid), (_sim.State!.State, _sim.State.Pid));
        Assert.Empty(_sim.Events(WatchdogEvents.Spawn));
    }
}
