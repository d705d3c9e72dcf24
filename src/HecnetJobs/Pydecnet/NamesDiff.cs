namespace HecnetJobs.Pydecnet;

/// <summary>What changes between the current names and a new list, matched by address: added, removed and renamed.</summary>
public sealed class NamesDiff
{
    /// <summary>How many renames the summary spells out before it only counts them.</summary>
    public const int RenamesShown = 3;

    private NamesDiff(IReadOnlyList<NodeEntry> added, IReadOnlyList<NodeEntry> removed, IReadOnlyList<NodeRename> renamed)
    {
        Added = added;
        Removed = removed;
        Renamed = renamed;
    }

    /// <summary>Entries whose address is only in the new list, sorted by address.</summary>
    public IReadOnlyList<NodeEntry> Added { get; }

    /// <summary>Entries whose address is only in the old list, sorted by address.</summary>
    public IReadOnlyList<NodeEntry> Removed { get; }

    /// <summary>Addresses in both lists with different names, sorted by address.</summary>
    public IReadOnlyList<NodeRename> Renamed { get; }

    /// <summary>Whether the two lists hold the same entries.</summary>
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Renamed.Count == 0;

    /// <summary>One line such as <c>12 added, 3 removed, 1 renamed (1.5 OLD -> NEW)</c>, with zero counts left out, or <c>no change</c>.</summary>
    public string Summary
    {
        get
        {
            if (IsEmpty)
                return "no change";
            var parts = new List<string>();
            if (Added.Count > 0)
                parts.Add($"{Added.Count} added");
            if (Removed.Count > 0)
                parts.Add($"{Removed.Count} removed");
            if (Renamed.Count > 0)
            {
                var shown = string.Join(", ", Renamed.Take(RenamesShown));
                var more = Renamed.Count > RenamesShown ? $", {Renamed.Count - RenamesShown} more" : "";
                parts.Add($"{Renamed.Count} renamed ({shown}{more})");
            }
            return string.Join(", ", parts);
        }
    }

    /// <summary>Compares two entry sets by address; if a set names one address twice, its first entry counts.</summary>
    public static NamesDiff Compare(IEnumerable<NodeEntry> oldEntries, IEnumerable<NodeEntry> newEntries)
    {
        ArgumentNullException.ThrowIfNull(oldEntries);
        ArgumentNullException.ThrowIfNull(newEntries);
        var before = ByAddress(oldEntries);
        var after = ByAddress(newEntries);
        var added = after.Values.Where(e => !before.ContainsKey(e.Address)).OrderBy(e => e.Address).ToList();
        var removed = before.Values.Where(e => !after.ContainsKey(e.Address)).OrderBy(e => e.Address).ToList();
        var renamed = after.Values
            .Where(e => before.TryGetValue(e.Address, out var old) && old.Name != e.Name)
            .Select(e => new NodeRename(e.Address, before[e.Address].Name, e.Name))
            .OrderBy(r => r.Address)
            .ToList();
        return new NamesDiff(added, removed, renamed);
    }

    public override string ToString() => Summary;

    private static Dictionary<DecnetAddress, NodeEntry> ByAddress(IEnumerable<NodeEntry> entries)
    {
        var map = new Dictionary<DecnetAddress, NodeEntry>();
        foreach (var entry in entries)
            map.TryAdd(entry.Address, entry);
        return map;
    }
}
