using HecnetJobs.Jobs;
using HecnetJobs.Store;

namespace HecnetJobs.Reports;

/// <summary>The evidence for one supervised PyDECnet over a window: availability, outages, restarts and failed starts.</summary>
public sealed record PydecnetReport(
    string Job,
    PydecnetTimeline Timeline,
    IReadOnlyList<HistoryEvent> Restarts,
    IReadOnlyList<HistoryEvent> StartFailures)
{
    /// <summary>One report per watchdog job that has history, over [from, to).</summary>
    public static IReadOnlyList<PydecnetReport> Build(Database database, DateTimeOffset from, DateTimeOffset to)
    {
        var history = new HistoryStore(database);
        return [.. history.WatchdogJobs().Select(job => new PydecnetReport(
            job,
            PydecnetTimeline.Build(history.EventsWithPrevious(job, WatchdogEvents.State, from, to), from, to),
            history.Events(job, WatchdogEvents.Restart, from, to),
            history.Events(job, WatchdogEvents.StartFailed, from, to)))];
    }
}
