using HecnetJobs.Store;
using Microsoft.Data.Sqlite;
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

    /// <summary>How long the scheduler waits before using the store again after a write to it failed.</summary>
    public static readonly TimeSpan DbRetryInterval = TimeSpan.FromSeconds(2);

    public static async Task<IScheduler> CreateAsync(Database database, IJobFactory jobFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        RegisterJobTypes();
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
                // The driver's factory rather than its name: Quartz then creates no driver types by reflection,
                // which keeps a trimmed or Native AOT build free of warnings (IL2026) and working (bench/aot.sh).
                s.UseSqlite(SqliteFactory.Instance, database.ConnectionString);
                s.ProvisionSchema();
                s.UseExecutionHistory();
                s.ConfigureStore(o =>
                {
                    o.StoreJobDataAsStrings = true;
                    // A trigger more than this late counts as misfired and follows its misfire instruction.
                    o.MisfireThreshold = TimeSpan.FromSeconds(60);
                    // After a failed write (a full data disk) the scheduler waits this long before it tries the store
                    // again; Quartz's 15 s kept every job, the heartbeat included, still for up to 15 s after the disk
                    // had room again (measured by the soak, docs/reliability.md). A retry of a local file costs nothing.
                    o.DbRetryInterval = DbRetryInterval;
                });
            });
        });
        return await factory.BuildScheduler(cancellationToken);
    }

    /// <summary>
    /// Names our job types to Quartz, so that a job read back out of the store (its JOB_CLASS_NAME) resolves to a type
    /// without Type.GetType: with Quartz.TypeNameResolution.IsSupported off (the csproj; always so in a trimmed or
    /// Native AOT build) only a registered name resolves, and a daemon restarted on its database would otherwise find
    /// every stored job "not registered" and set its triggers to ERROR.
    /// </summary>
    private static void RegisterJobTypes()
    {
        _ = new JobType(typeof(QuartzJobAdapter));
        _ = new JobType(typeof(HeartbeatJob));
    }
}
