using System.Globalization;

namespace HecnetJobs.Pydecnet;

/// <summary>PyDECnet's rules for one address and one name, as problem texts for messages.</summary>
internal static class NamesRules
{
    /// <summary>The longest node name PyDECnet accepts.</summary>
    public const int MaxNameLength = 6;

    public static bool IsValid(NodeEntry entry) => entry.Address.IsValid && Problems(entry).Count == 0;

    /// <summary>Every rule <paramref name="entry"/> breaks, address first, or none.</summary>
    public static List<string> Problems(NodeEntry entry)
    {
        var problems = new List<string>();
        var (area, node) = (entry.Address.Area, entry.Address.Node);
        if (area is < 1 or > DecnetAddress.MaxArea)
            problems.Add(Invariant($"area {area} is out of range (1 to {DecnetAddress.MaxArea})"));
        if (node is < 1 or > DecnetAddress.MaxNode)
            problems.Add(Invariant($"node number {node} is out of range (1 to {DecnetAddress.MaxNode})"));

        // PyDECnet's pattern is [A-Z0-9]*[A-Z][A-Z0-9]* on the upper-cased name, at most 6 long.
        var name = entry.Name ?? "";
        if (name.Length > MaxNameLength)
            problems.Add(Invariant($"name '{name}' is longer than {MaxNameLength} characters"));
        if (!name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
            problems.Add($"name '{name}' has a character other than A-Z and 0-9");
        else if (!name.Any(char.IsAsciiLetterUpper))
            problems.Add($"name '{name}' has no letter (at least one of A-Z is needed)");
        return problems;
    }

    /// <summary>A line's text in quotes for a message: control characters shown as '?', long text cut at 60 characters.</summary>
    public static string Quote(string text)
    {
        const int max = 60;
        var shown = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return shown.Length <= max ? $"'{shown}'" : $"'{shown[..max]}...'";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
