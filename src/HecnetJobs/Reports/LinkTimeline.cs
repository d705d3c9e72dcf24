using HecnetJobs.Jobs;
using HecnetJobs.Store;

namespace HecnetJobs.Reports;

/// <summary>
/// One link's confirmed states over a window, rebuilt from the link probe's <c>link-state</c> events and its checks.
/// Availability is the time confirmed up over the time known: known is the window less the time before the first
/// confirmed state and less the stretches when the checks could not tell (from the first <c>unknown</c> check of a run
/// to the next check that said up or down). An outage runs from a confirmed "down" to the next confirmed "up".
/// </summary>
public sealed class LinkTimeline
{
    private readonly DateTimeOffset _to;

    private LinkTimeline(string target, IReadOnlyList<StateSpan> spans, IReadOnlyList<StateSpan> stretches, IReadOnlyList<LinkChange> changes, DateTimeOffset to)
    {
        Target = target;
        Spans = spans;
        Unchecked = stretches;
        Changes = changes;
        _to = to;
    }

    public string Target { get; }

    /// <summary>The window cut into confirmed states (<c>up</c>, <c>down</c>, <c>unknown</c> before the first confirmation), oldest first.</summary>
    public IReadOnlyList<StateSpan> Spans { get; }

    /// <summary>The stretches in which every check was <c>unknown</c> (PyDECnet down or not answering, ncp failing).</summary>
    public IReadOnlyList<StateSpan> Unchecked { get; }

    /// <summary>The confirmed changes in the window, oldest first.</summary>
    public IReadOnlyList<LinkChange> Changes { get; }

    /// <summary>Time confirmed up while the checks could tell.</summary>
    public TimeSpan Up => Sum(LinkStates.Up);

    /// <summary>Time with a confirmed state while the checks could tell.</summary>
    public TimeSpan Known => Sum(LinkStates.Up) + Sum(LinkStates.Down);

    /// <summary>The rest of the window: before the first confirmed state, or while no check could tell.</summary>
    public TimeSpan Unknown => Spans.Aggregate(TimeSpan.Zero, (total, s) => total + s.Length) - Known;

    /// <summary>Up as a share of the known time, or null when nothing is known.</summary>
    public double? Availability => Known > TimeSpan.Zero ? Up / Known : null;

    /// <summary>Each confirmed "down" span with the reason of the change that began it.</summary>
    public IReadOnlyList<LinkOutage> Outages =>
        [.. Spans.Where(s => s.State == LinkStates.Down).Select(s => new LinkOutage(s.Start, s.End, s.End == _to,
            Changes.LastOrDefault(c => c.State == LinkStates.Down && c.At <= s.Start)?.Reason ?? "down when the window began"))];

    /// <summary>Builds the timeline of [from, to) from the target's change events (all before <paramref name="to"/>) and its checks (those in the window and the one before).</summary>
    public static LinkTimeline Build(string target, IReadOnlyList<HistoryEvent> changeEvents, IReadOnlyList<LinkCheck> checks, DateTimeOffset from, DateTimeOffset to)
    {
        var spans = new List<StateSpan>();
        var changes = new List<LinkChange>();
        var state = LinkStates.Unknown;
        var since = from;
        foreach (var change in changeEvents)
        {
            if (PydecnetTimeline.NewState(change.Detail) is not { } next)
                continue;
            var at = change.At < from ? from : StreakStart(checks, change.At, next, from);
            if (at < since)
                at = since;
            if (change.At >= from)
                changes.Add(new LinkChange(at, change.At, next, Reason(change.Detail)));
            if (at > since)
                spans.Add(new StateSpan(since, at, state));
            (state, since) = (next, at);
        }
        if (to > since)
            spans.Add(new StateSpan(since, to, state));
        return new LinkTimeline(target, spans, UncheckedStretches(checks, from, to), changes, to);
    }

    /// <summary>The target named first in a <c>link-state</c> event's detail (<c>MIM up -&gt; down: ...</c>).</summary>
    public static string TargetOf(string detail) => detail.Split(' ', 2)[0];

    /// <summary>
    /// The first check of the run that confirmed <paramref name="state"/> at <paramref name="confirmedAt"/>: going back
    /// from the confirming check past checks of that verdict and unknown ones (which never break a run) to the last
    /// check that said otherwise. The confirming check's time when housekeeping already deleted the checks.
    /// </summary>
    private static DateTimeOffset StreakStart(IReadOnlyList<LinkCheck> checks, DateTimeOffset confirmedAt, string state, DateTimeOffset from)
    {
        DateTimeOffset? first = null;
        var i = checks.Count - 1;
        while (i >= 0 && checks[i].At > confirmedAt)
            i--;
        for (; i >= 0; i--)
        {
            if (checks[i].Verdict == state)
                first = checks[i].At;
            else if (checks[i].Verdict != LinkStates.Unknown)
                break;
        }
        var start = first ?? confirmedAt;
        return start < from ? from : start;
    }

    private static List<StateSpan> UncheckedStretches(IReadOnlyList<LinkCheck> checks, DateTimeOffset from, DateTimeOffset to)
    {
        var stretches = new List<StateSpan>();
        DateTimeOffset? start = null;
        foreach (var check in checks)
        {
            if (check.Verdict == LinkStates.Unknown)
                start ??= check.At < from ? from : check.At;
            else if (start is { } begun)
            {
                if (check.At > begun)
                    stretches.Add(new StateSpan(begun, check.At, LinkStates.Unknown));
                start = null;
            }
        }
        if (start is { } open && to > open)
            stretches.Add(new StateSpan(open, to, LinkStates.Unknown));
        return stretches;
    }

    private static string Reason(string detail)
    {
        var colon = detail.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? "" : detail[(colon + 2)..];
    }

    /// <summary>Time in <paramref name="state"/> less the part of it no check could tell.</summary>
    private TimeSpan Sum(string state) => Spans.Where(s => s.State == state).Aggregate(TimeSpan.Zero, (total, span) =>
        total + span.Length - Unchecked.Aggregate(TimeSpan.Zero, (overlap, u) => overlap + Overlap(span, u)));

    private static TimeSpan Overlap(StateSpan a, StateSpan b)
    {
        var start = a.Start > b.Start ? a.Start : b.Start;
        var end = a.End < b.End ? a.End : b.End;
        return end > start ? end - start : TimeSpan.Zero;
    }
}
