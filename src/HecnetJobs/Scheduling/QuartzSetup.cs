using HecnetJobs.Store;
using Quartz;
using Quartz.Extensibility;

namespace HecnetJobs.Scheduling;

/// <summary>Builds the Quartz scheduler on the shared SQLite file.</summary>
internal static class QuartzSetup
{
    /// <summary>The group of HecnetJobs' own jobs (the heartbeat), which jobs.xml never touches.</summary>
    public const string InternalGroup = "hecnetjobs.internal";

    /// <summary>How long the scheduler sleeps when nothing is due; the bound on how late it notices a new one-off trigger.</summary>
    public static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    public static async Task<IScheduler> CreateAsync(Database database, IJobFactory jobFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        var factory = QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "hecnetjobs";
                o.InstanceId = "main";
                o.IdleWaitTime = IdleWait;
            });
            q.UseDefaultThreadPool(4);
            q.UseTimeProvider(time);
            q.UseJobFactory(jobFactory);
            q.UsePersistentStore(s =>
            {
                s.UseSqlite(database.ConnectionString);
                s.ProvisionSchema();
                s.UseExecutionHistory();
                s.ConfigureStore(o =>
                {
                    o.StoreJobDataAsStrings = true;
                    // A trigger more than this late counts as misfired and follows its misfire instruction.
                    o.MisfireThreshold = TimeSpan.FromSeconds(60);
                });
            });
        });
        return await factory.BuildScheduler(cancellationToken);
    }
}
