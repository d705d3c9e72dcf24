using HecnetJobs.Jobs;
using HecnetJobs.Store;

namespace HecnetJobs.Reports;

/// <summary>
/// PyDECnet's states over a window, rebuilt from the watchdog's <c>state</c> events (<c>old -&gt; new: why</c>): how long
/// it was up (running, or alive but not answering for a moment), every outage, and the time nothing was known.
/// </summary>
public sealed class PydecnetTimeline
{
    private PydecnetTimeline(IReadOnlyList<StateSpan> spans) => Spans = spans;

    /// <summary>The window cut into spans, oldest first; before the first known state the span is <c>unknown</c>.</summary>
    public IReadOnlyList<StateSpan> Spans { get; }

    /// <summary>Time with a process alive (<c>running</c> or <c>not-answering</c>).</summary>
    public TimeSpan Up => Sum(IsUp);

    /// <summary>Time in a known state.</summary>
    public TimeSpan Known => Sum(s => s != PydecnetStates.Unknown);

    /// <summary>Up as a share of the known time, or null when nothing is known.</summary>
    public double? Availability => Known > TimeSpan.Zero ? Up / Known : null;

    /// <summary>Each run of consecutive known spans that are not up, merged: one outage from "down" through "restarting" to "running".</summary>
    public IReadOnlyList<StateSpan> Outages
    {
        get
        {
            var outages = new List<StateSpan>();
            foreach (var span in Spans.Where(s => s.State != PydecnetStates.Unknown && !IsUp(s.State)))
            {
                if (outages.Count > 0 && outages[^1].End == span.Start)
                    outages[^1] = outages[^1] with { End = span.End };
                else
                    outages.Add(span);
            }
            return outages;
        }
    }

    /// <summary>Builds the timeline of [from, to) from state events, the first of which may precede the window.</summary>
    public static PydecnetTimeline Build(IReadOnlyList<HistoryEvent> stateEvents, DateTimeOffset from, DateTimeOffset to)
    {
        var spans = new List<StateSpan>();
        var state = PydecnetStates.Unknown;
        var since = from;
        foreach (var change in stateEvents)
        {
            var next = NewState(change.Detail);
            if (next is null)
                continue;
            var at = change.At < from ? from : change.At;
            if (at > since)
                spans.Add(new StateSpan(since, at, state));
            (state, since) = (next, at);
        }
        if (to > since)
            spans.Add(new StateSpan(since, to, state));
        return new PydecnetTimeline(spans);
    }

    public static bool IsUp(string state) => state is PydecnetStates.Running or PydecnetStates.NotAnswering;

    /// <summary>The new state of a <c>state</c> event's detail (<c>running -&gt; down: PID 4242 exited</c>), or null when it is not in that form.</summary>
    public static string? NewState(string detail)
    {
        var arrow = detail.IndexOf(" -> ", StringComparison.Ordinal);
        if (arrow < 0)
            return null;
        var rest = detail[(arrow + 4)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return (colon < 0 ? rest : rest[..colon]).Trim();
    }

    private TimeSpan Sum(Func<string, bool> which) =>
        Spans.Where(s => which(s.State)).Aggregate(TimeSpan.Zero, (total, s) => total + s.Length);
}
