using System.Globalization;
using System.Text;
using HecnetJobs.Jobs;
using HecnetJobs.Store;

namespace HecnetJobs.Reports;

/// <summary>
/// Summarises a window of the history for a person: PyDECnet's availability with every restart and outage, each link's
/// availability with every confirmed change, the name refreshes, pauses, the alerts raised, failed job runs, and what is
/// still waiting in the outbox. Times are local, <c>HH:mm</c> (with the date when
/// it is not the window's last day).
/// </summary>
public sealed partial class DigestBuilder(Database database, string nodeName, TimeZoneInfo zone)
{
    /// <summary>The kind of the alert record a digest is delivered as; the next digest leaves it out.</summary>
    public const string AlertKind = "digest";

    public Digest Build(DateTimeOffset from, DateTimeOffset to)
    {
        var history = new HistoryStore(database);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Daily digest for HECnet node {nodeName}: {Full(from)} to {Full(to)}.\n");
        var headline = new List<string>();
        var watchdogs = history.WatchdogJobs();
        if (watchdogs.Count == 0)
        {
            text.Append("\nPyDECnet: not watched (no watchdog has run).\n");
            headline.Add("PyDECnet not watched");
        }
        foreach (var job in watchdogs)
        {
            var timeline = PydecnetTimeline.Build(history.EventsWithPrevious(job, WatchdogEvents.State, from, to), from, to);
            var restarts = history.Events(job, WatchdogEvents.Restart, from, to);
            var failures = history.Events(job, WatchdogEvents.StartFailed, from, to);
            var now = timeline.Spans.Count > 0 ? timeline.Spans[^1] : null;
            text.Append(CultureInfo.InvariantCulture, $"\nPyDECnet ({job}): {now?.State ?? "unknown"} since {(now is null ? "?" : Clock(now.Start, to))}.\n");
            text.Append(CultureInfo.InvariantCulture, $"  Up {Percent(timeline.Availability)} of the time known ({Alerts.MessageComposer.Span(timeline.Up)} of {Alerts.MessageComposer.Span(timeline.Known)}); ");
            text.Append(CultureInfo.InvariantCulture, $"{Count(restarts.Count, "restart")}, {Count(failures.Count, "failed start")}.\n");
            foreach (var restart in restarts)
                text.Append(CultureInfo.InvariantCulture, $"  {Clock(restart.At, to)}  restarted: {restart.Detail}\n");
            foreach (var failure in failures)
                text.Append(CultureInfo.InvariantCulture, $"  {Clock(failure.At, to)}  start failed: {failure.Detail.Split('\n')[0]}\n");
            foreach (var outage in timeline.Outages)
                text.Append(CultureInfo.InvariantCulture, $"  Outage {Clock(outage.Start, to)} to {Clock(outage.End, to)} ({Alerts.MessageComposer.Span(outage.Length)})\n");
            headline.Add($"PyDECnet up {Percent(timeline.Availability)}, {Count(restarts.Count, "restart")}");
        }

        AppendLinks(text, headline, from, to);
        AppendNames(text, headline, history, from, to);
        AppendPauses(text, from, to);

        var alerts = history.Alerts(from, to, AlertKind);
        text.Append(CultureInfo.InvariantCulture, $"\nAlerts raised: {(alerts.Count == 0 ? "none" : alerts.Count.ToString(CultureInfo.InvariantCulture))}.\n");
        foreach (var alert in alerts)
            text.Append(CultureInfo.InvariantCulture, $"  {Clock(alert.RaisedAt, to)}  {alert.Severity,-8}  {alert.Subject}\n");
        headline.Add(Count(alerts.Count, "alert"));

        var failed = history.FailedRuns(from, to);
        text.Append(CultureInfo.InvariantCulture, $"\nJob failures: {(failed.Count == 0 ? "none" : failed.Count.ToString(CultureInfo.InvariantCulture))}.\n");
        foreach (var run in failed)
            text.Append(CultureInfo.InvariantCulture, $"  {Clock(run.StartedAt, to)}  {run.Job} {run.Result}: {run.Summary}\n");

        var (queued, oldest) = new OutboxStore(database).QueuedSummary();
        text.Append(queued == 0
            ? "\nAlerts still queued: none.\n"
            : $"\nAlerts still queued: {queued}, the oldest from {Clock(oldest!.Value, to)}.\n");
        return new Digest($"daily digest ({string.Join(", ", headline)})", text.ToString());
    }

    private string Clock(DateTimeOffset time, DateTimeOffset to)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return local.ToString(local.Date == TimeZoneInfo.ConvertTime(to, zone).Date ? "HH:mm" : "MMM d HH:mm", CultureInfo.InvariantCulture);
    }

    private string Full(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary><c>100%</c>, <c>99.3%</c>, or <c>?</c> when nothing is known.</summary>
    public static string Percent(double? share) => share switch
    {
        null => "?",
        >= 1 => "100%",
        var s => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(s.Value * 1000) / 10:0.0}%"),
    };

    private static string Count(int count, string noun) => count switch
    {
        0 => $"no {noun}s",
        1 => $"1 {noun}",
        _ => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}s"),
    };
}
