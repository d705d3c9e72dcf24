using System.Globalization;

namespace HecnetJobs.Pydecnet;

/// <summary>The fields HecnetJobs uses from one /proc/PID/stat line, counted as proc(5) numbers them.</summary>
internal readonly record struct ProcStatLine(
    int Pid,
    string Comm,
    char State,
    long UserTicks,
    long SystemTicks,
    int Threads,
    long StartTicks,
    long RssPages)
{
    // Fields after the comm start at field 3 (state); field n sits at index n - 3 of what follows the last ')'.
    private const int StateIndex = 0;
    private const int UserTimeIndex = 14 - 3;
    private const int SystemTimeIndex = 15 - 3;
    private const int ThreadsIndex = 20 - 3;
    private const int StartTimeIndex = 22 - 3;
    private const int RssIndex = 24 - 3;

    /// <summary>Parses a stat line, or returns null when it is not one (truncated, no parentheses, a field not a number).</summary>
    public static ProcStatLine? Parse(string text)
    {
        // The comm field is the executable's name in parentheses and may itself hold spaces, '(' and ')',
        // so it runs from the first '(' to the LAST ')': nothing after it can contain a parenthesis.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 1 || close < open)
            return null;
        if (!TryParseCount(text.AsSpan(0, open).Trim(), out var pid) || pid > int.MaxValue)
            return null;

        var fields = text[(close + 1)..].Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length <= RssIndex || fields[StateIndex].Length != 1)
            return null;
        if (!TryParseCount(fields[UserTimeIndex], out var user)
            || !TryParseCount(fields[SystemTimeIndex], out var system)
            || !TryParseCount(fields[ThreadsIndex], out var threads) || threads > int.MaxValue
            || !TryParseCount(fields[StartTimeIndex], out var start)
            || !TryParseCount(fields[RssIndex], out var rss))
        {
            return null;
        }
        return new ProcStatLine((int)pid, text[(open + 1)..close], fields[StateIndex][0], user, system, (int)threads, start, rss);
    }

    /// <summary>Parses an unsigned decimal count (no sign, no spaces) as the kernel writes it.</summary>
    public static bool TryParseCount(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
