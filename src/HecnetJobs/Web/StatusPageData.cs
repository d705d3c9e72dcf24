using HecnetJobs.Jobs;
using HecnetJobs.Reports;
using HecnetJobs.Status;
using HecnetJobs.Store;

namespace HecnetJobs.Web;

/// <summary>What the status page shows: the status document and, from the history, restarts, link timelines and the last names diff.</summary>
/// <param name="Status">The latest status document.</param>
/// <param name="NodeName">The node's name (<c>alerts.nodeName</c>).</param>
/// <param name="Now">When the page was built; the timelines end here.</param>
/// <param name="Zone">The time zone times are shown in (the daemon's).</param>
/// <param name="Restarts">PyDECnet's restarts and failed starts of the last 7 days, newest first, at most <see cref="MaxRestarts"/>.</param>
/// <param name="Day">Each probed target's timeline over the last 24 hours.</param>
/// <param name="Week">Each probed target's timeline over the last 7 days.</param>
/// <param name="NamesChange">The latest <c>names-changed</c> event (its detail is the diff), or null.</param>
public sealed record StatusPageData(
    StatusDocument Status,
    string NodeName,
    DateTimeOffset Now,
    TimeZoneInfo Zone,
    IReadOnlyList<HistoryEvent> Restarts,
    IReadOnlyDictionary<string, LinkTimeline> Day,
    IReadOnlyDictionary<string, LinkTimeline> Week,
    HistoryEvent? NamesChange)
{
    public const int MaxRestarts = 10;

    public static readonly TimeSpan DayWindow = TimeSpan.FromHours(24);

    public static readonly TimeSpan WeekWindow = TimeSpan.FromDays(7);

    /// <summary>Reads the history the page needs beside <paramref name="status"/>; only the targets the status shows get timelines.</summary>
    public static StatusPageData Load(StatusDocument status, Database database, string nodeName, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var history = new HistoryStore(database);
        var restarts = history.WatchdogJobs()
            .SelectMany(job => history.Events(job, WatchdogEvents.Restart, now - WeekWindow, now.AddTicks(1))
                .Concat(history.Events(job, WatchdogEvents.StartFailed, now - WeekWindow, now.AddTicks(1))))
            .OrderByDescending(e => e.At)
            .Take(MaxRestarts)
            .ToList();
        var names = new NamesStore(database).Jobs() is { Count: > 0 } jobs ? new EventStore(database).Latest(jobs[0], NameRefreshEvents.Changed) : null;
        return new StatusPageData(status, nodeName, now, time.LocalTimeZone, restarts,
            Timelines(database, status, now - DayWindow, now), Timelines(database, status, now - WeekWindow, now), names);
    }

    private static Dictionary<string, LinkTimeline> Timelines(Database database, StatusDocument status, DateTimeOffset from, DateTimeOffset to) =>
        LinkReport.Build(database, from, to)
            .Where(r => status.Links.ContainsKey(r.Current.Target))
            .ToDictionary(r => r.Current.Target, r => r.Timeline, StringComparer.Ordinal);
}
