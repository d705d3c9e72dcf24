using System.Globalization;
using System.Text.RegularExpressions;

namespace HecnetJobs.Pydecnet;

/// <summary>Reads a HECnet node list in any of the three formats HecnetJobs meets into entries and unknown lines, without judging the values.</summary>
/// <remarks>
/// <para>
/// Lines end in LF, CRLF or CR. Each line is trimmed. Blank lines and lines starting with <c>#</c> are ignored
/// in every format, as PyDECnet does. The format is the one of the first line that parses as an entry, tried in this
/// order: the listing (<c>1.13 (MIM) ...</c>: a digit-led line whose address is followed by a name in brackets;
/// anything after the closing bracket is extra columns), config lines (<c>node 1.13 MIM</c>, exactly three fields), and
/// names-file lines (<c>1.13 MIM</c>, exactly two fields). All lines are then read in that one format, so a
/// <c>node 1.2 X</c> line in a names file is unknown, as PyDECnet would refuse it there.
/// </para>
/// <para>
/// In a listing only lines that start with a digit are data; other lines are headers and are ignored. In the two
/// PyDECnet formats every other line is data, because PyDECnet reads every such line. A data line that does not
/// parse is unknown: counted and kept with its number, never dropped silently. When no line parses, the format
/// is <see cref="NodeListFormat.None"/> and every line that is not blank or a comment is unknown.
/// </para>
/// <para>
/// Addresses must be written <c>area.node</c> in ASCII digits; PyDECnet's bare node number (own area) is unknown
/// here, because a downloaded list must not depend on which area this router is in. Quotes are not removed
/// (PyDECnet splits lines like a shell), so <c>"MIM"</c> is read as a name with quotes and refused later.
/// Ranges and name rules are checked by <see cref="NodeListValidator"/>, so it can name the bad value. A leading
/// byte order mark is removed and reported in <see cref="NodeListParseResult.HasByteOrderMark"/>.
/// </para>
/// </remarks>
public static partial class NodeListParser
{
    private const char ByteOrderMark = '\uFEFF';

    /// <summary>Parses <paramref name="text"/>; this never throws on any text.</summary>
    public static NodeListParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hasBom = text.Length > 0 && text[0] == ByteOrderMark;
        var lines = SplitLines(hasBom ? text[1..] : text);
        var format = DetectFormat(lines);

        var entries = new List<NodeListEntry>();
        var unknown = new List<NodeListLine>();
        var ignored = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#' || (format == NodeListFormat.NcpListing && !char.IsAsciiDigit(line[0])))
                ignored++;
            else if (TryParseLine(line, format, out var address, out var name))
                entries.Add(new NodeListEntry(i + 1, line, address, name.ToUpperInvariant()));
            else
                unknown.Add(new NodeListLine(i + 1, line));
        }
        return new NodeListParseResult(format, entries, unknown, ignored, lines.Count, hasBom);
    }

    private static NodeListFormat DetectFormat(List<string> lines)
    {
        NodeListFormat[] candidates = [NodeListFormat.NcpListing, NodeListFormat.NodeLines, NodeListFormat.NamesFile];
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            foreach (var format in candidates)
            {
                if (TryParseLine(line, format, out _, out _))
                    return format;
            }
        }
        return NodeListFormat.None;
    }

    private static bool TryParseLine(string line, NodeListFormat format, out DecnetAddress address, out string name)
    {
        address = default;
        name = "";
        switch (format)
        {
            case NodeListFormat.NcpListing:
                var match = ListingLine().Match(line);
                if (!match.Success)
                    return false;
                name = match.Groups["name"].Value;
                address = new DecnetAddress(
                    int.Parse(match.Groups["area"].ValueSpan, CultureInfo.InvariantCulture),
                    int.Parse(match.Groups["node"].ValueSpan, CultureInfo.InvariantCulture));
                return true;
            case NodeListFormat.NodeLines:
                var nodeFields = Fields(line);
                if (nodeFields.Length != 3 || nodeFields[0] != "node" || !DecnetAddress.TryParseAnyRange(nodeFields[1], out address))
                    return false;
                name = nodeFields[2];
                return true;
            case NodeListFormat.NamesFile:
                var fields = Fields(line);
                if (fields.Length != 2 || !DecnetAddress.TryParseAnyRange(fields[0], out address))
                    return false;
                name = fields[1];
                return true;
            default:
                return false;
        }
    }

    private static string[] Fields(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('\n' or '\r'))
                continue;
            lines.Add(text[start..i]);
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                i++;
            start = i + 1;
        }
        if (start < text.Length)
            lines.Add(text[start..]);
        return lines;
    }

    // [0-9], not \d: \d also matches other scripts' digits, which int.Parse refuses.
    [GeneratedRegex(@"^(?<area>[0-9]{1,9})\.(?<node>[0-9]{1,9})\s+\((?<name>[^)]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex ListingLine();
}
