using HecnetJobs.Jobs;
using HecnetJobs.Store;

namespace HecnetJobs.Reports;

/// <summary>The evidence for one link-probe target over a window: its current state row and its timeline.</summary>
public sealed record LinkReport(LinkState Current, LinkTimeline Timeline)
{
    /// <summary>One report per target ever probed (<c>hj_links</c>), by target, over [from, to).</summary>
    public static IReadOnlyList<LinkReport> Build(Database database, DateTimeOffset from, DateTimeOffset to)
    {
        var links = new LinkStore(database);
        var changes = new HistoryStore(database).EventsOfKind(LinkEvents.State, to).ToLookup(e => LinkTimeline.TargetOf(e.Detail), StringComparer.Ordinal);
        return [.. links.LoadAll().Select(link => new LinkReport(link,
            LinkTimeline.Build(link.Target, [.. changes[link.Target]], links.ChecksWithPrevious(link.Target, from, to), from, to)))];
    }
}
