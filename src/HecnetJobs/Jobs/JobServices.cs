using HecnetJobs.Config;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Jobs;

/// <summary>What jobs are built from: the options, the store, the clock and logging.</summary>
public sealed record JobServices(HecnetJobsOptions Options, Database Database, TimeProvider Time, ILoggerFactory LoggerFactory)
{
    /// <summary>In the daemon: reports PyDECnet's exit the moment it happens. Null in a one-shot run, which ends anyway.</summary>
    public Pydecnet.ExitWatcher? ExitWatcher { get; init; }
}
