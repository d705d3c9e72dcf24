using System.Globalization;
using System.Net;
using System.Text;
using HecnetJobs.Alerts;
using HecnetJobs.Jobs;
using HecnetJobs.Reports;

namespace HecnetJobs.Web;

/// <summary>
/// Draws a link's <see cref="LinkTimeline"/> over a window as one SVG bar: green up, red down (one rect per outage, at
/// least a few pixels wide so a short outage shows in a week), grey before the first confirmation, hatched where no
/// check could tell. Pure: the same timeline and window give the same text. Every text from data is HTML-encoded.
/// </summary>
public static class TimelineSvg
{
    /// <summary>The bar's width in SVG units; the page stretches it to the screen.</summary>
    public const double Width = 1000;

    /// <summary>The narrowest outage drawn, in SVG units (0.3% of the bar).</summary>
    public const double MinDownWidth = 3;

    private const int Height = 20;

    public static string Render(LinkTimeline timeline, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, string label)
    {
        var total = (to - from).TotalSeconds;
        var svg = new StringBuilder();
        var availability = timeline.Availability is { } share ? string.Create(CultureInfo.InvariantCulture, $"up {share * 100:0.#}% of the time known") : "nothing known";
        var outages = timeline.Outages.Count;
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"timeline\" viewBox=\"0 0 {Width} {Height}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{Encode($"{timeline.Target}, {label}: {availability}, {outages} outage{(outages == 1 ? "" : "s")}")}\">");
        foreach (var span in timeline.Spans.Where(s => s.State != LinkStates.Down))
        {
            var (x, width) = Place(span.Start, span.End, from, total, 0);
            var css = span.State == LinkStates.Up ? "up" : "unknown";
            var fill = span.State == LinkStates.Up ? "#2e9d4a" : "#c8c8c8";
            Rect(svg, css, fill, x, width, $"{span.State} {Between(span.Start, span.End, zone)} ({MessageComposer.Span(span.Length)})");
        }
        foreach (var stretch in timeline.Unchecked)
        {
            var (x, width) = Place(stretch.Start, stretch.End, from, total, 0);
            Rect(svg, "unchecked", "url(#unchecked)", x, width, $"cannot be checked {Between(stretch.Start, stretch.End, zone)} ({MessageComposer.Span(stretch.Length)})");
        }
        foreach (var outage in timeline.Outages)
        {
            var (x, width) = Place(outage.Start, outage.End, from, total, MinDownWidth);
            var when = outage.Ongoing ? $"{Clock(outage.Start, zone)} still down" : Between(outage.Start, outage.End, zone);
            Rect(svg, "down", "#d0312d", x, width, $"down {when} ({MessageComposer.Span(outage.Length)}): {outage.Reason}");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The hatch pattern the <c>unchecked</c> stretches use; the page includes it once.</summary>
    public const string Definitions =
        "<svg class=\"defs\" aria-hidden=\"true\"><defs><pattern id=\"unchecked\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"3\" height=\"6\" fill=\"#9a9a9a\"/></pattern></defs></svg>";

    /// <summary>The x and width of [start, end) on the bar; a narrow one is widened about its middle, kept inside the bar.</summary>
    private static (double X, double Width) Place(DateTimeOffset start, DateTimeOffset end, DateTimeOffset from, double total, double minWidth)
    {
        var x = (start - from).TotalSeconds / total * Width;
        var width = (end - start).TotalSeconds / total * Width;
        if (width < minWidth)
        {
            x = Math.Clamp(x + width / 2 - minWidth / 2, 0, Width - minWidth);
            width = minWidth;
        }
        return (Math.Round(x, 2), Math.Round(width, 2));
    }

    private static void Rect(StringBuilder svg, string css, string fill, double x, double width, string title) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"{css}\" x=\"{x}\" y=\"0\" width=\"{width}\" height=\"{Height}\" fill=\"{fill}\"><title>{Encode(title)}</title></rect>");

    /// <summary><c>11-23 10:00 to 10:15</c>, the day named again only when it changed.</summary>
    private static string Between(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var sameDay = TimeZoneInfo.ConvertTime(start, zone).Date == TimeZoneInfo.ConvertTime(end, zone).Date;
        var until = sameDay ? TimeZoneInfo.ConvertTime(end, zone).ToString("HH:mm", CultureInfo.InvariantCulture) : Clock(end, zone);
        return $"{Clock(start, zone)} to {until}";
    }

    private static string Clock(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
