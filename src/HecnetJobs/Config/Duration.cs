using System.Globalization;
using System.Text;

namespace HecnetJobs.Config;

/// <summary>Reads and writes durations as people type them in config files: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>30d</c>, or a sum such as <c>1h30m</c>.</summary>
public static class Duration
{
    /// <summary>Parses a duration; false when the text is not one (an empty string, a missing unit, a negative number).</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
            return false;
        var total = 0.0;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
                digits++;
            if (digits == 0 || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            span = span[digits..];
            var unitLength = 0;
            while (unitLength < span.Length && char.IsAsciiLetter(span[unitLength]))
                unitLength++;
            double? milliseconds = span[..unitLength] switch
            {
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                _ => null,
            };
            if (milliseconds is null)
                return false;
            total += number * milliseconds.Value;
            span = span[unitLength..];
        }
        if (total > TimeSpan.MaxValue.TotalMilliseconds)
            return false;
        // Rounded to whole ticks: 1.15h must not come out one tick short of 1h9m.
        value = TimeSpan.FromTicks((long)Math.Round(total * TimeSpan.TicksPerMillisecond));
        return true;
    }

    /// <summary>Formats a duration to the millisecond in the largest units that fit, for messages (<c>1h30m</c>, <c>45s</c>).</summary>
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            return "0s";
        var text = new StringBuilder();
        if (value.Days > 0)
            text.Append(CultureInfo.InvariantCulture, $"{value.Days}d");
        if (value.Hours > 0)
            text.Append(CultureInfo.InvariantCulture, $"{value.Hours}h");
        if (value.Minutes > 0)
            text.Append(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        if (value.Seconds > 0)
            text.Append(CultureInfo.InvariantCulture, $"{value.Seconds}s");
        if (value.Milliseconds > 0)
            text.Append(CultureInfo.InvariantCulture, $"{value.Milliseconds}ms");
        return text.ToString();
    }
}
