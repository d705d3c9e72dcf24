using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HecnetJobs.Reports;

/// <summary>
/// Writes <c>hecnetjobs report</c> as text (for a person or an e-mail to the ISP), CSV (one row per outage, restart or
/// failed start, for a spreadsheet) or JSON (for scripts). Times carry the local offset, e.g. <c>2026-11-23T03:12:01+01:00</c>.
/// </summary>
public sealed partial class ReportWriter(string nodeName, TimeZoneInfo zone)
{
    public static readonly IReadOnlyList<string> Formats = ["text", "csv", "json"];

    public string Write(string format, IReadOnlyList<PydecnetReport> reports, IReadOnlyList<LinkReport> links, DateTimeOffset from, DateTimeOffset to) => format switch
    {
        "csv" => Csv(reports) + Csv(links, from, to),
        "json" => Json(reports, links, from, to),
        _ => Text(reports, from, to) + Text(links),
    };

    private string Text(IReadOnlyList<PydecnetReport> reports, DateTimeOffset from, DateTimeOffset to)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HecnetJobs report for HECnet node {nodeName}, {Local(from)} to {Local(to)}\n");
        if (reports.Count == 0)
            text.Append("\nNo PyDECnet history: no watchdog has run.\n");
        foreach (var report in reports)
        {
            var timeline = report.Timeline;
            text.Append(CultureInfo.InvariantCulture,
                $"\nPyDECnet ({report.Job}): up {DigestBuilder.Percent(timeline.Availability)} of the time known ({Alerts.MessageComposer.Span(timeline.Up)} of {Alerts.MessageComposer.Span(timeline.Known)})\n");
            text.Append(CultureInfo.InvariantCulture, $"Outages: {timeline.Outages.Count}\n");
            foreach (var outage in timeline.Outages)
                text.Append(CultureInfo.InvariantCulture, $"  {Local(outage.Start)} to {Local(outage.End)}  {Alerts.MessageComposer.Span(outage.Length)}\n");
            text.Append(CultureInfo.InvariantCulture, $"Restarts: {report.Restarts.Count}\n");
            foreach (var restart in report.Restarts)
                text.Append(CultureInfo.InvariantCulture, $"  {Local(restart.At)}  {restart.Detail}\n");
            if (report.StartFailures.Count > 0)
                text.Append(CultureInfo.InvariantCulture, $"Failed starts: {report.StartFailures.Count}\n");
            foreach (var failure in report.StartFailures)
                text.Append(CultureInfo.InvariantCulture, $"  {Local(failure.At)}  {failure.Detail.Split('\n')[0]}\n");
        }
        return text.ToString();
    }

    private string Csv(IReadOnlyList<PydecnetReport> reports)
    {
        var csv = new StringBuilder("record,job,start,end,seconds,detail\n");
        foreach (var report in reports)
        {
            foreach (var outage in report.Timeline.Outages)
                csv.Append(CultureInfo.InvariantCulture, $"outage,{Field(report.Job)},{Iso(outage.Start)},{Iso(outage.End)},{(long)outage.Length.TotalSeconds},{Field(outage.State)}\n");
            foreach (var restart in report.Restarts)
                csv.Append(CultureInfo.InvariantCulture, $"restart,{Field(report.Job)},{Iso(restart.At)},,,{Field(restart.Detail)}\n");
            foreach (var failure in report.StartFailures)
                csv.Append(CultureInfo.InvariantCulture, $"start-failed,{Field(report.Job)},{Iso(failure.At)},,,{Field(failure.Detail.Split('\n')[0])}\n");
        }
        return csv.ToString();
    }

    private string Json(IReadOnlyList<PydecnetReport> reports, IReadOnlyList<LinkReport> links, DateTimeOffset from, DateTimeOffset to)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("node", nodeName);
            json.WriteString("from", Iso(from));
            json.WriteString("to", Iso(to));
            json.WriteStartArray("pydecnet");
            foreach (var report in reports)
            {
                json.WriteStartObject();
                json.WriteString("job", report.Job);
                if (report.Timeline.Availability is { } availability)
                    json.WriteNumber("availability", Math.Round(availability, 5));
                else
                    json.WriteNull("availability");
                json.WriteNumber("upSeconds", (long)report.Timeline.Up.TotalSeconds);
                json.WriteNumber("knownSeconds", (long)report.Timeline.Known.TotalSeconds);
                json.WriteStartArray("outages");
                foreach (var outage in report.Timeline.Outages)
                {
                    json.WriteStartObject();
                    json.WriteString("start", Iso(outage.Start));
                    json.WriteString("end", Iso(outage.End));
                    json.WriteNumber("seconds", (long)outage.Length.TotalSeconds);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                WriteEvents(json, "restarts", report.Restarts);
                WriteEvents(json, "startFailures", report.StartFailures);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteLinks(json, links);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private void WriteEvents(Utf8JsonWriter json, string name, IReadOnlyList<Store.HistoryEvent> events)
    {
        json.WriteStartArray(name);
        foreach (var item in events)
        {
            json.WriteStartObject();
            json.WriteString("at", Iso(item.At));
            json.WriteString("detail", item.Detail);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private string Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private string Iso(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break.</summary>
    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
