using System.Globalization;
using System.Text;
using HecnetJobs.Store;

namespace HecnetJobs.Alerts;

/// <summary>
/// Turns queued alerts into one message that reads well on a phone: <c>[HECnet SAMPLE] PyDECnet restarted (crash) 03:12</c>
/// for one alert; for many, one list in the order they were raised, with a down/up pair of the same subject shown as
/// "was down from … to …". Times are the machine's local time.
/// </summary>
public sealed partial class MessageComposer(string nodeName, TimeZoneInfo zone, Func<QueuedAlert, AlertRecord?> previousDown)
{
    /// <summary>How many alerts' full texts a coalesced message carries; the list names them all.</summary>
    public const int MaxDetails = 50;

    /// <summary>Sent this much later than raised, a message says it is late and why.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(5);

    private const string Down = " down";
    private const string Up = " up";

    public string Prefix => $"[HECnet {nodeName}]";

    public AlertMessage Compose(IReadOnlyList<QueuedAlert> alerts, DateTimeOffset now, string? messageId = null)
    {
        var entries = Coalesce(alerts);
        var severity = alerts.MaxBy(a => AlertSeverity.Rank(a.Alert.Severity))!.Alert.Severity;
        var first = alerts[0].Alert.RaisedAt;
        string subject;
        if (entries.Count == 1)
        {
            subject = $"{Prefix} {entries[0].Headline(this, now)}";
        }
        else
        {
            var worst = entries.MaxBy(e => AlertSeverity.Rank(e.Severity))!;
            subject = $"{Prefix} {alerts.Count} alerts {Clock(first, now)}-{Clock(alerts[^1].Alert.RaisedAt, now)}: {worst.Text(this, now)}";
        }
        var text = new StringBuilder();
        if (alerts.Count == 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{entries[0].Text(this, now)}, at {Clock(first, now)} on HECnet node {nodeName}.\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"{alerts.Count} alerts on HECnet node {nodeName}, oldest first:\n\n");
            var width = entries.Max(e => Clock(e.First.Alert.RaisedAt, now).Length);
            foreach (var entry in entries)
                text.Append(CultureInfo.InvariantCulture, $"  {Clock(entry.First.Alert.RaisedAt, now).PadRight(width)}  {entry.Severity,-8}  {entry.Text(this, now)}\n");
        }
        if (now - first > LateAfter)
            text.Append(CultureInfo.InvariantCulture, $"\n{LateNote(first, now)}\n");
        var detailed = alerts.Take(MaxDetails).ToList();
        foreach (var queued in detailed)
        {
            if (alerts.Count > 1)
                text.Append(CultureInfo.InvariantCulture, $"\n== {Full(queued.Alert.RaisedAt)} {queued.Alert.Subject} ({queued.Alert.Severity}, {queued.Alert.Source})\n");
            text.Append('\n').Append(queued.Alert.Body.TrimEnd()).Append('\n');
        }
        if (alerts.Count > detailed.Count)
            text.Append(CultureInfo.InvariantCulture, $"\n(The full texts of {alerts.Count - detailed.Count} more alerts are in the history.)\n");
        text.Append(CultureInfo.InvariantCulture, $"\n-- \n{Footer(alerts)}\n");
        var id = messageId ?? MessageIds.For(alerts, nodeName);
        return new AlertMessage(id, nodeName, subject, text.ToString(), Html(alerts, entries, now), severity, now, alerts);
    }

    /// <summary>The message <c>hecnetjobs alert test</c> sends through every channel.</summary>
    public AlertMessage Test(DateTimeOffset now)
    {
        var subject = $"{Prefix} test message {Clock(now, now)}";
        var text = $"This is a test message from HecnetJobs {AppInfo.Version} on {Environment.MachineName} for HECnet node {nodeName}.\nIf you read it, alerts reach you this way.\n";
        var html = $"<html><body style=\"font-family: sans-serif\"><p>{Encode(text).Replace("\n", "<br>\n", StringComparison.Ordinal)}</p></body></html>\n";
        return new AlertMessage(MessageIds.ForTest(now, nodeName), nodeName, subject, text, html, AlertSeverity.Info, now, []);
    }

    /// <summary>Pairs a "X down" with a later "X up" of the same source; every other alert is an entry of its own.</summary>
    private static List<Entry> Coalesce(IReadOnlyList<QueuedAlert> alerts)
    {
        var entries = new List<Entry>();
        var open = new Dictionary<(string Source, string Root), int>();
        foreach (var queued in alerts)
        {
            var subject = queued.Alert.Subject;
            if (subject.EndsWith(Up, StringComparison.Ordinal) && open.Remove((queued.Alert.Source, subject[..^Up.Length]), out var index))
            {
                entries[index] = entries[index] with { Recovery = queued };
                continue;
            }
            if (subject.EndsWith(Down, StringComparison.Ordinal))
                open[(queued.Alert.Source, subject[..^Down.Length])] = entries.Count;
            entries.Add(new Entry(queued, null));
        }
        return entries;
    }

    private string LateNote(DateTimeOffset first, DateTimeOffset now) =>
        $"Sent late, at {Clock(now, now)}: the oldest alert waited {Span(now - first)}, while the alert path or HecnetJobs was down.";

    private static string Footer(IReadOnlyList<QueuedAlert> alerts)
    {
        var what = alerts.Count == 1
            ? $"alert {alerts[0].Id} ({alerts[0].Alert.Source}, {alerts[0].Alert.Kind}, {alerts[0].Alert.Severity})"
            : $"alerts {alerts[0].Id} to {alerts[^1].Id}";
        return $"HecnetJobs {AppInfo.Version} on {Environment.MachineName}: {what}.";
    }

    /// <summary>HH:mm when <paramref name="time"/> is on the same local day as <paramref name="now"/>, else with the date.</summary>
    internal string Clock(DateTimeOffset time, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        var format = local.Date == TimeZoneInfo.ConvertTime(now, zone).Date ? "HH:mm" : "MMM d HH:mm";
        return local.ToString(format, CultureInfo.InvariantCulture);
    }

    private string Full(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A span as a person says it: <c>under 1 s</c>, <c>45 s</c>, <c>35 min</c>, <c>2 h 5 min</c>, <c>3 d 4 h</c>.</summary>
    public static string Span(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1))
            return "under 1 s";
        if (span < TimeSpan.FromMinutes(1))
            return $"{(int)span.TotalSeconds} s";
        if (span < TimeSpan.FromHours(1))
            return $"{(int)span.TotalMinutes} min";
        if (span < TimeSpan.FromDays(1))
            return span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
        return span.Hours == 0 ? $"{span.Days} d" : $"{span.Days} d {span.Hours} h";
    }

    /// <summary>One line of a message: an alert, or a down alert with the up alert that ended it.</summary>
    private sealed record Entry(QueuedAlert First, QueuedAlert? Recovery)
    {
        public string Severity => First.Alert.Severity;

        /// <summary>The text of the line, without the time it was raised.</summary>
        public string Text(MessageComposer composer, DateTimeOffset now)
        {
            if (Recovery is { } up)
                return $"{Root} was down from {composer.Clock(First.Alert.RaisedAt, now)} to {composer.Clock(up.Alert.RaisedAt, now)} ({Span(up.Alert.RaisedAt - First.Alert.RaisedAt)})";
            if (composer.WasDown(First) is { } down)
                return $"{First.Alert.Subject}, was down {Span(First.Alert.RaisedAt - down.RaisedAt)}";
            return First.Alert.Subject;
        }

        /// <summary>The subject after the prefix when the message holds this entry alone.</summary>
        public string Headline(MessageComposer composer, DateTimeOffset now)
        {
            var at = First.Alert.RaisedAt;
            if (Recovery is not null)
                return Text(composer, now);
            if (composer.WasDown(First) is { } down)
                return $"{First.Alert.Subject} {composer.Clock(at, now)}, was down {Span(at - down.RaisedAt)}";
            return $"{First.Alert.Subject} {composer.Clock(at, now)}";
        }

        private string Root => First.Alert.Subject[..^Down.Length];
    }

    /// <summary>For an "X up" alert sent alone: the "X down" alert before it, from the history.</summary>
    private AlertRecord? WasDown(QueuedAlert alert) =>
        alert.Alert.Subject.EndsWith(Up, StringComparison.Ordinal) ? previousDown(alert) : null;
}
