using System.Globalization;
using System.Net;
using System.Text;
using HecnetJobs.Store;

namespace HecnetJobs.Alerts;

/// <summary>The HTML body: the same content as the plain text, as a small table and preformatted details.</summary>
public sealed partial class MessageComposer
{
    private string Html(IReadOnlyList<QueuedAlert> alerts, List<Entry> entries, DateTimeOffset now)
    {
        var html = new StringBuilder("<html><body style=\"font-family: sans-serif\">\n");
        var first = alerts[0].Alert.RaisedAt;
        if (alerts.Count == 1)
            html.Append(CultureInfo.InvariantCulture, $"<p><b>{Encode(entries[0].Text(this, now))}</b>, at {Clock(first, now)} on HECnet node {Encode(nodeName)}.</p>\n");
        else
            html.Append(CultureInfo.InvariantCulture, $"<p><b>{alerts.Count} alerts</b> on HECnet node {Encode(nodeName)}, oldest first:</p>\n");
        if (alerts.Count > 1)
        {
            html.Append("<table cellpadding=\"3\">\n");
            foreach (var entry in entries)
            {
                var colour = entry.Severity switch { AlertSeverity.Critical => "#b00020", AlertSeverity.Warning => "#a05a00", _ => "#333333" };
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{Clock(entry.First.Alert.RaisedAt, now)}</td><td style=\"color: {colour}\">{entry.Severity}</td><td>{Encode(entry.Text(this, now))}</td></tr>\n");
            }
            html.Append("</table>\n");
        }
        if (now - first > LateAfter)
            html.Append(CultureInfo.InvariantCulture, $"<p><i>{Encode(LateNote(first, now))}</i></p>\n");
        foreach (var queued in alerts.Take(MaxDetails))
        {
            if (alerts.Count > 1)
                html.Append(CultureInfo.InvariantCulture, $"<h4>{Full(queued.Alert.RaisedAt)} {Encode(queued.Alert.Subject)} ({queued.Alert.Severity}, {Encode(queued.Alert.Source)})</h4>\n");
            html.Append(CultureInfo.InvariantCulture, $"<pre>{Encode(queued.Alert.Body.TrimEnd())}</pre>\n");
        }
        if (alerts.Count > MaxDetails)
            html.Append(CultureInfo.InvariantCulture, $"<p>(The full texts of {alerts.Count - MaxDetails} more alerts are in the history.)</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"color: #777777; font-size: smaller\">{Encode(Footer(alerts))}</p>\n</body></html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
