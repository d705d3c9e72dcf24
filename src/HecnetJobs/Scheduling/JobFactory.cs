using Quartz;
using Quartz.Extensibility;

namespace HecnetJobs.Scheduling;

/// <summary>Gives Quartz ready-made job instances: the heartbeat for the internal group, the adapter for everything from jobs.xml.</summary>
internal sealed class JobFactory(QuartzJobAdapter adapter, HeartbeatJob heartbeat) : IJobFactory
{
    public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        IJob job = bundle.JobDetail.Key.Equals(HeartbeatJob.Key) ? heartbeat : adapter;
        return ValueTask.FromResult(new JobScope(job, null));
    }

    public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
