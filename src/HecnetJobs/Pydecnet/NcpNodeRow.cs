namespace HecnetJobs.Pydecnet;

/// <summary>One row of an ncp node table, its fields cut at ncp's fixed column positions.</summary>
/// <param name="Address">The node address as printed, <c>area.node</c> (<c>1.13</c>).</param>
/// <param name="Name">The node name in upper case, or null when ncp printed the bare address.</param>
/// <param name="State"><c>Reachable</c>, <c>Unreachable</c>, or empty (tables of several nodes leave it blank for other areas' nodes).</param>
/// <param name="NextNode">The next hop as printed (<c>1.13 (MIM)</c>); null in the <c>status</c> layout, which has no such column.</param>
public sealed record NcpNodeRow(string Address, string? Name, string State, string? Links, string? Delay, string? Circuit, string? NextNode)
{
    /// <summary>The node as ncp prints it: <c>1.13 (MIM)</c>, or the bare address.</summary>
    public string Display => Name is null ? Address : $"{Address} ({Name})";
}
