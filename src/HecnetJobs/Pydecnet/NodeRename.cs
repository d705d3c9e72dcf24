namespace HecnetJobs.Pydecnet;

/// <summary>An address that keeps its place in the names file under another name.</summary>
public sealed record NodeRename(DecnetAddress Address, string OldName, string NewName)
{
    public override string ToString() => $"{Address} {OldName} -> {NewName}";
}
