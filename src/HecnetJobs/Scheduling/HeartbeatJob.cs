using Quartz;

namespace HecnetJobs.Scheduling;

/// <summary>
/// An internal job that the scheduler fires every few seconds. Its firing is the proof that the scheduler really runs
/// jobs: it rewrites the status file and feeds <see cref="SchedulerLiveness"/>, which gates systemd's watchdog ping.
/// </summary>
internal sealed class HeartbeatJob(SchedulerLiveness liveness, Func<CancellationToken, Task> publishStatus) : IJob
{
    public static readonly JobKey Key = new("heartbeat", QuartzSetup.InternalGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        liveness.Beat();
        await publishStatus(cancellationToken);
    }
}

/// <summary>When the scheduler last proved alive (the heartbeat job ran), and whether that is recent enough.</summary>
public sealed class SchedulerLiveness(TimeProvider time, TimeSpan window)
{
    private long _lastBeat = time.GetTimestamp();

    /// <summary>How recent the last beat must be for the scheduler to count as alive.</summary>
    public TimeSpan Window { get; } = window;

    public void Beat() => Interlocked.Exchange(ref _lastBeat, time.GetTimestamp());

    public TimeSpan Age => time.GetElapsedTime(Interlocked.Read(ref _lastBeat));

    public bool IsAlive => Age <= Window;
}
