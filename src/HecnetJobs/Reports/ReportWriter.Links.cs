using System.Globalization;
using System.Text;
using System.Text.Json;
using HecnetJobs.Alerts;

namespace HecnetJobs.Reports;

/// <summary>The report's link part: per target its availability and every outage, in each format.</summary>
public sealed partial class ReportWriter
{
    private string Text(IReadOnlyList<LinkReport> links)
    {
        var text = new StringBuilder();
        foreach (var (_, timeline) in links)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\nLink {timeline.Target}: up {DigestBuilder.Percent(timeline.Availability)} of the time known ({MessageComposer.Span(timeline.Up)} of {MessageComposer.Span(timeline.Known)}{Unknown(timeline)})\n");
            text.Append(CultureInfo.InvariantCulture, $"Outages: {timeline.Outages.Count}\n");
            foreach (var outage in timeline.Outages)
            {
                var end = outage.Ongoing ? $"{Local(outage.End)} (still down)" : Local(outage.End);
                text.Append(CultureInfo.InvariantCulture, $"  {Local(outage.Start)} to {end}  {MessageComposer.Span(outage.Length)}  {outage.Reason}\n");
            }
        }
        return text.ToString();
    }

    private static string Unknown(LinkTimeline timeline) =>
        timeline.Unknown > TimeSpan.Zero ? $"; {MessageComposer.Span(timeline.Unknown)} unknown" : "";

    /// <summary>One <c>link</c> row per target (seconds: the time known) and one <c>link-outage</c> row per outage; the job column holds the target.</summary>
    private string Csv(IReadOnlyList<LinkReport> links, DateTimeOffset from, DateTimeOffset to)
    {
        var csv = new StringBuilder();
        foreach (var (_, timeline) in links)
        {
            var unknown = timeline.Unknown > TimeSpan.Zero ? $", {Seconds(timeline.Unknown)} s unknown" : "";
            csv.Append(CultureInfo.InvariantCulture,
                $"link,{Field(timeline.Target)},{Iso(from)},{Iso(to)},{Seconds(timeline.Known)},{Field($"{DigestBuilder.Percent(timeline.Availability)} up ({Seconds(timeline.Up)} s up of {Seconds(timeline.Known)} s known{unknown})")}\n");
            foreach (var outage in timeline.Outages)
            {
                var detail = outage.Ongoing ? $"{outage.Reason} (still down at the end)" : outage.Reason;
                csv.Append(CultureInfo.InvariantCulture, $"link-outage,{Field(timeline.Target)},{Iso(outage.Start)},{Iso(outage.End)},{Seconds(outage.Length)},{Field(detail)}\n");
            }
        }
        return csv.ToString();
    }

    private void WriteLinks(Utf8JsonWriter json, IReadOnlyList<LinkReport> links)
    {
        json.WriteStartArray("links");
        foreach (var (current, timeline) in links)
        {
            json.WriteStartObject();
            json.WriteString("target", timeline.Target);
            json.WriteString("state", current.State);
            if (current.Since is { } since)
                json.WriteString("since", Iso(since));
            else
                json.WriteNull("since");
            if (timeline.Availability is { } availability)
                json.WriteNumber("availability", Math.Round(availability, 5));
            else
                json.WriteNull("availability");
            json.WriteNumber("upSeconds", Seconds(timeline.Up));
            json.WriteNumber("knownSeconds", Seconds(timeline.Known));
            json.WriteNumber("unknownSeconds", Seconds(timeline.Unknown));
            json.WriteStartArray("outages");
            foreach (var outage in timeline.Outages)
            {
                json.WriteStartObject();
                json.WriteString("start", Iso(outage.Start));
                json.WriteString("end", Iso(outage.End));
                json.WriteNumber("seconds", Seconds(outage.Length));
                json.WriteBoolean("ongoing", outage.Ongoing);
                json.WriteString("reason", outage.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("changes");
            foreach (var change in timeline.Changes)
            {
                json.WriteStartObject();
                json.WriteString("at", Iso(change.At));
                json.WriteString("confirmedAt", Iso(change.ConfirmedAt));
                json.WriteString("state", change.State);
                json.WriteString("reason", change.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static long Seconds(TimeSpan span) => (long)span.TotalSeconds;
}
