using System.Globalization;
using System.Text;
using HecnetJobs.Alerts;
using HecnetJobs.Jobs;

namespace HecnetJobs.Reports;

/// <summary>The digest's link section: one block per probed target, like PyDECnet's.</summary>
public sealed partial class DigestBuilder
{
    private void AppendLinks(StringBuilder text, List<string> headline, DateTimeOffset from, DateTimeOffset to)
    {
        var links = LinkReport.Build(database, from, to);
        if (links.Count == 0)
            return;
        var outages = 0;
        foreach (var (current, timeline) in links)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nLink {current.Target}: {Current(current, from, to)}.\n");
            if (current.LastCheck is not { } last || last < from)
                continue;
            text.Append(CultureInfo.InvariantCulture, $"  Up {Percent(timeline.Availability)} of the time known ({MessageComposer.Span(timeline.Up)} of {MessageComposer.Span(timeline.Known)}");
            if (timeline.Unknown > TimeSpan.Zero)
                text.Append(CultureInfo.InvariantCulture, $"; {MessageComposer.Span(timeline.Unknown)} unknown");
            text.Append(CultureInfo.InvariantCulture, $"); {Count(timeline.Outages.Count, "outage")}.\n");
            foreach (var change in timeline.Changes)
            {
                var confirmed = Clock(change.ConfirmedAt, to) == Clock(change.At, to) ? "" : $" (confirmed {Clock(change.ConfirmedAt, to)})";
                text.Append(CultureInfo.InvariantCulture, $"  {Clock(change.At, to)}  {change.State}{confirmed}: {change.Reason}\n");
            }
            foreach (var outage in timeline.Outages)
            {
                var end = outage.Ongoing ? "still down" : $"to {Clock(outage.End, to)}";
                text.Append(CultureInfo.InvariantCulture, $"  Outage {Clock(outage.Start, to)} {end} ({MessageComposer.Span(outage.Length)})\n");
            }
            outages += timeline.Outages.Count;
        }
        headline.Add(Count(outages, "link outage"));
    }

    /// <summary><c>up since 03:30</c>; the unknown stretch, a state never confirmed, or a target the probe no longer checks.</summary>
    private string Current(LinkState link, DateTimeOffset from, DateTimeOffset to)
    {
        var state = link.State == LinkStates.Unknown || link.Since is not { } since ? "not confirmed up or down yet" : $"{link.State} since {Clock(since, to)}";
        if (link.LastCheck is not { } last)
            return $"{state}, never checked";
        if (last < from)
            return $"{state}, not checked since {Clock(last, to)}";
        return link.UnknownSince is { } unknown ? $"{state}; checks unknown since {Clock(unknown, to)}" : state;
    }
}
