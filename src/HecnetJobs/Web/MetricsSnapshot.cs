using HecnetJobs.Status;
using HecnetJobs.Store;

namespace HecnetJobs.Web;

/// <summary>Everything <c>/metrics</c> shows at one moment: the status document, the counters and each target's latest check.</summary>
/// <param name="Status">The latest status document (the heartbeat file's content).</param>
/// <param name="Counters">The counters since the daemon started.</param>
/// <param name="LatestChecks">The latest link check of every target.</param>
/// <param name="NodeName">The node name of the alerts (a label of <c>hecnetjobs_info</c>).</param>
public sealed record MetricsSnapshot(StatusDocument Status, CounterReading Counters, IReadOnlyList<LinkCheck> LatestChecks, string NodeName)
{
    /// <summary>Reads the counters and the latest checks now, beside <paramref name="status"/>.</summary>
    public static MetricsSnapshot Take(StatusDocument status, MetricsCounters counters, Database database, string nodeName) =>
        new(status, counters.Read(), new LinkStore(database).LatestChecks(), nodeName);
}
