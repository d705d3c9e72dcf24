using System.Globalization;

namespace HecnetJobs.Pydecnet;

/// <summary>Decides whether a parsed node list may replace the names file, by PyDECnet's rules and HecnetJobs' own safety checks.</summary>
/// <remarks>
/// <para>
/// PyDECnet's rules (it refuses to start on any of these): area 1–63 and node 1–1023; a name of 1–6 of A-Z and 0-9
/// with at least one letter, compared upper-cased; no address with two names and no name on two addresses
/// (an identical repeat is kept once); nothing that contradicts the router's own <c>node</c> line; no byte order
/// mark; and, in the two PyDECnet formats, no line that is not an entry. A bad entry takes no part in the
/// duplicate checks, as in PyDECnet, and the first of two conflicting lines is the one kept.
/// </para>
/// <para>
/// HecnetJobs' own refusals: a list without entries; a garbled list, which has more unknown lines than entries
/// (an HTML error page, a truncated download: per-line reasons are replaced by one summary then); a pinned entry
/// that is missing; and a shrink, when more than <see cref="NodeListValidationOptions.MaxShrinkFraction"/> of the
/// current file's addresses would disappear. Unknown lines in an ncp listing are tolerated below the garbled
/// limit and reported as warnings, since a listing is a report with headers and footers, not a names file.
/// At most <see cref="MaxReasons"/> reasons are listed, then one line says how many more there are.
/// </para>
/// </remarks>
public static class NodeListValidator
{
    /// <summary>How many reasons or warnings are listed before the rest are counted in one line.</summary>
    public const int MaxReasons = 20;

    /// <summary>Checks <paramref name="list"/> against PyDECnet's rules, <paramref name="options"/> and the <paramref name="current"/> names file's entries.</summary>
    public static NodeListValidation Validate(
        NodeListParseResult list, IReadOnlyCollection<NodeEntry> current, NodeListValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxShrinkFraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxShrinkFraction, 1.0);

        var reasons = new List<(int Line, string Text)>();
        var warnings = new List<string>();
        var breaksPydecnet = false;

        if (list.HasByteOrderMark)
        {
            reasons.Add((1, "line 1: the text starts with a UTF-8 byte order mark, which PyDECnet reads as part of the first address; save it without one"));
            breaksPydecnet = true;
        }

        var isListing = list.Format == NodeListFormat.NcpListing;
        var empty = list.Entries.Count == 0 && list.UnknownCount == 0;
        var garbled = list.UnknownCount > list.Entries.Count;
        if (empty)
            reasons.Add((0, list.LineCount == 0 ? "the list is empty" : "the list has no node entries (only blank, comment or header lines)"));
        else if (garbled)
            reasons.Add((0, Garbled(list)));

        foreach (var line in list.UnknownLines)
        {
            if (isListing)
            {
                warnings.Add($"line {line.LineNumber}: {NamesRules.Quote(line.Text)}: skipped, not a node entry (expected {Expected(list.Format)})");
                continue;
            }
            breaksPydecnet = true;
            if (!garbled)
                reasons.Add((line.LineNumber, $"line {line.LineNumber}: {NamesRules.Quote(line.Text)}: not a node entry (expected {Expected(list.Format)}, and nothing after it)"));
        }

        var kept = CheckEntries(list.Entries, options.OwnNode, reasons, warnings, ref breaksPydecnet);
        if (!empty && !garbled)
        {
            CheckPinned(kept, list.Entries, options.Pinned, reasons);
            CheckShrink(kept, current, options.MaxShrinkFraction, reasons);
        }

        var ordered = reasons.OrderBy(r => r.Line).Select(r => r.Text).ToList();
        var entries = kept.Values.Select(e => e.Entry).OrderBy(e => e.Address).ToList();
        return new NodeListValidation(entries, Cap(ordered), Cap(warnings), breaksPydecnet);
    }

    private static Dictionary<DecnetAddress, NodeListEntry> CheckEntries(
        IReadOnlyList<NodeListEntry> entries,
        NodeEntry? own,
        List<(int Line, string Text)> reasons,
        List<string> warnings,
        ref bool breaksPydecnet)
    {
        var byAddress = new Dictionary<DecnetAddress, NodeListEntry>();
        var byName = new Dictionary<string, NodeListEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var at = $"line {entry.LineNumber}: {NamesRules.Quote(entry.Text)}: ";
            var problem = EntryProblem(entry, own, byAddress, byName);
            if (problem is not null)
            {
                reasons.Add((entry.LineNumber, at + problem));
                breaksPydecnet = true;
            }
            else if (byAddress.TryGetValue(entry.Address, out var first))
            {
                warnings.Add($"{at}same as line {first.LineNumber}, kept once");
            }
            else
            {
                byAddress.Add(entry.Address, entry);
                byName.Add(entry.Name, entry);
            }
        }
        return byAddress;
    }

    private static string? EntryProblem(
        NodeListEntry entry,
        NodeEntry? own,
        Dictionary<DecnetAddress, NodeListEntry> byAddress,
        Dictionary<string, NodeListEntry> byName)
    {
        var problems = NamesRules.Problems(entry.Entry);
        if (problems.Count > 0)
            return string.Join("; ", problems);
        if (own is { } self && self.Address == entry.Address && self.Name != entry.Name)
            return $"address {entry.Address} is this router's own address, named '{self.Name}'";
        if (own is { } me && me.Name == entry.Name && me.Address != entry.Address)
            return $"name '{entry.Name}' is this router's own name, at {me.Address}";
        if (byAddress.TryGetValue(entry.Address, out var sameAddress) && sameAddress.Name != entry.Name)
            return $"address {entry.Address} is already named '{sameAddress.Name}' (line {sameAddress.LineNumber})";
        if (byName.TryGetValue(entry.Name, out var sameName) && sameName.Address != entry.Address)
            return $"name '{entry.Name}' is already used by {sameName.Address} (line {sameName.LineNumber})";
        return null;
    }

    private static void CheckPinned(
        Dictionary<DecnetAddress, NodeListEntry> kept,
        IReadOnlyList<NodeListEntry> all,
        IReadOnlyList<NodeEntry> pinned,
        List<(int Line, string Text)> reasons)
    {
        foreach (var pin in pinned)
        {
            if (kept.TryGetValue(pin.Address, out var found) && found.Name == pin.Name)
                continue;
            var near = all.FirstOrDefault(e => e.Address == pin.Address) ?? all.FirstOrDefault(e => e.Name == pin.Name);
            reasons.Add((int.MaxValue, near is null
                ? $"pinned entry '{pin}' is missing"
                : $"pinned entry '{pin}' is missing (line {near.LineNumber} has '{near.Entry}')"));
        }
    }

    private static void CheckShrink(
        Dictionary<DecnetAddress, NodeListEntry> kept,
        IReadOnlyCollection<NodeEntry> current,
        double maxFraction,
        List<(int Line, string Text)> reasons)
    {
        var currentAddresses = current.Select(e => e.Address).ToHashSet();
        var gone = current.Where(e => !kept.ContainsKey(e.Address)).DistinctBy(e => e.Address).OrderBy(e => e.Address).ToList();
        if (currentAddresses.Count == 0 || gone.Count <= maxFraction * currentAddresses.Count)
            return;
        var share = 100.0 * gone.Count / currentAddresses.Count;
        var first = string.Join(", ", gone.Take(3));
        reasons.Add((int.MaxValue, string.Create(
            CultureInfo.InvariantCulture,
            $"{gone.Count} of {currentAddresses.Count} current entries would disappear ({share:0.#}%), more than the {maxFraction * 100:0.#}% allowed; first: {first}")));
    }

    private static string Garbled(NodeListParseResult list)
    {
        var examples = string.Join(", ", list.UnknownLines.Take(3).Select(l => $"line {l.LineNumber} {NamesRules.Quote(l.Text)}"));
        return $"the list looks garbled: {list.UnknownCount} of {list.UnknownCount + list.Entries.Count} data lines are not node entries "
            + $"(expected {Expected(list.Format)}); first: {examples}";
    }

    private static string Expected(NodeListFormat format) => format switch
    {
        NodeListFormat.NodeLines => "'node <area>.<node> <name>', e.g. 'node 1.13 MIM'",
        NodeListFormat.NcpListing => "'<area>.<node> (<name>)', e.g. '1.13 (MIM)'",
        _ => "'<area>.<node> <name>', e.g. '1.13 MIM'",
    };

    private static List<string> Cap(List<string> lines) =>
        lines.Count <= MaxReasons
            ? lines
            : [.. lines.Take(MaxReasons), $"... and {lines.Count - MaxReasons} more"];
}
