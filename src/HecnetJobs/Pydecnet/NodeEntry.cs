namespace HecnetJobs.Pydecnet;

/// <summary>One node name: an address and its upper-case name, written <c>1.13 MIM</c>.</summary>
public readonly record struct NodeEntry(DecnetAddress Address, string Name)
{
    /// <summary>Makes an entry from text such as <c>"1.13", "MIM"</c>; the name is upper-cased, neither part is checked.</summary>
    public static NodeEntry Of(string address, string name) =>
        new(DecnetAddress.Parse(address), name.ToUpperInvariant());

    public override string ToString() => $"{Address} {Name}";
}
