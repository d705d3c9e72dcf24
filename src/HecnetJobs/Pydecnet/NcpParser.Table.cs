using System.Globalization;
using System.Text.RegularExpressions;

namespace HecnetJobs.Pydecnet;

public static partial class NcpParser
{
    private const string TableHeader = "Node            State        Links   Delay  Circuit      Next Node";
    private const string StatusHeader = "Node            State        Links  Delay  Type           Cost  Hops  Circuit";

    // ncp pads the node field to 16 with no separator after it, so a 16-character node
    // ("63.1023 (ABCDEF)") runs straight into the State column: cut by position, never split on spaces.
    private const int StateColumn = 16;
    private const int LinksColumn = 29;

    private enum Layout
    {
        Table,
        Status,
    }

    private sealed record TableRow(NcpNodeRow Row, string Line);

    /// <summary>Reads every row of the node tables in ncp output (<c>show known/active/adjacent nodes</c>, <c>show node X [status]</c>); lines that are not rows are skipped.</summary>
    public static IReadOnlyList<NcpNodeRow> ParseNodeTable(string? stdout) =>
        [.. ReadRows(SplitLines(stdout)).Select(row => row.Row)];

    private static List<TableRow> ReadRows(List<string> lines)
    {
        var rows = new List<TableRow>();
        Layout? layout = null;
        foreach (var line in lines)
        {
            if (line.Length == 0)
                layout = null;
            else if (line == TableHeader)
                layout = Layout.Table;
            else if (line == StatusHeader)
                layout = Layout.Status;
            else if (layout is { } current && ParseRow(line, current) is { } row)
                rows.Add(new TableRow(row, line));
        }
        return rows;
    }

    private static NcpNodeRow? ParseRow(string line, Layout layout)
    {
        var node = NodeField().Match(line);
        if (!node.Success || node.Length > StateColumn)
            return null;
        for (var i = node.Length; i < Math.Min(StateColumn, line.Length); i++)
        {
            if (line[i] != ' ')
                return null;
        }
        var state = Field(line, StateColumn, LinksColumn) ?? "";
        if (state is not ("" or "Reachable" or "Unreachable"))
            return null;
        var address = node.Groups["addr"].Value;
        var name = node.Groups["name"].Success ? node.Groups["name"].Value : null;
        return layout == Layout.Table
            ? new NcpNodeRow(address, name, state, Field(line, 29, 37), Field(line, 37, 44), Field(line, 44, 57), Field(line, 57, int.MaxValue))
            // Status layout: Links 29, Delay 36, Type 43, Cost 58, Hops 64, Circuit 70; Type, Cost and Hops are not kept.
            : new NcpNodeRow(address, name, state, Field(line, 29, 36), Field(line, 36, 43), Field(line, 70, int.MaxValue), null);
    }

    private static string? Field(string line, int start, int end)
    {
        if (start >= line.Length)
            return null;
        var text = line[start..Math.Min(end, line.Length)].Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>True when <paramref name="target"/> (trimmed, non-empty) is the address, compared as numbers, or the name, ignoring case.</summary>
    private static bool IsNode(string target, string address, string? name)
    {
        if (target.Length == 0)
            return false;
        if (name is not null && string.Equals(target, name, StringComparison.OrdinalIgnoreCase))
            return true;
        return Address(target) is { } wanted && Address(address) is { } actual
            ? wanted == actual
            : string.Equals(target, address, StringComparison.Ordinal);
    }

    private static (int Area, int Node)? Address(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
            return null;
        var area = text.AsSpan(0, dot);
        var node = text.AsSpan(dot + 1);
        return IsDigits(area) && IsDigits(node)
            && int.TryParse(area, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && int.TryParse(node, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? (a, n)
            : null;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    private static List<string> SplitLines(string? text) =>
        [.. (text ?? "").Split('\n').Select(line => line.TrimEnd())];

    [GeneratedRegex(@"^(?<addr>[0-9]{1,2}\.[0-9]{1,4})(?: \((?<name>[A-Z0-9]{1,6})\))?", RegexOptions.CultureInvariant)]
    private static partial Regex NodeField();
}
