namespace HecnetJobs.Pydecnet;

/// <summary>What <see cref="NodeListValidator"/> checks beyond the list itself: this router's own node, pinned entries and the shrink limit.</summary>
public sealed class NodeListValidationOptions
{
    /// <summary>This router's own address and name (its config's <c>node</c> line), which no entry may contradict; default none.</summary>
    public NodeEntry? OwnNode { get; set; }

    /// <summary>Entries every accepted list must contain exactly; default <c>1.13 MIM</c>, the HECnet hub; may be empty.</summary>
    public IReadOnlyList<NodeEntry> Pinned { get; set; } = [new NodeEntry(new DecnetAddress(1, 13), "MIM")];

    /// <summary>The largest fraction of the current file's addresses that may disappear in one refresh; default 0.20, range 0 to 1.</summary>
    public double MaxShrinkFraction { get; set; } = 0.20;
}
