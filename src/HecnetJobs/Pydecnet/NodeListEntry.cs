namespace HecnetJobs.Pydecnet;

/// <summary>A line of a node list that parsed as an address and a name, before the names rules are checked.</summary>
/// <param name="LineNumber">1-based line number in the text.</param>
/// <param name="Text">The line with surrounding white space removed.</param>
/// <param name="Address">The address as written; it may be out of range.</param>
/// <param name="Name">The name upper-cased; it may break PyDECnet's rules.</param>
public sealed record NodeListEntry(int LineNumber, string Text, DecnetAddress Address, string Name)
{
    /// <summary>The address and name without the line information.</summary>
    public NodeEntry Entry => new(Address, Name);
}
