namespace HecnetJobs.Pydecnet;

/// <summary>What one <c>ncp show node</c> run says about the path to a node.</summary>
public enum LinkVerdict
{
    /// <summary>ncp printed the node as <c>Reachable</c>, or the node is the executor itself.</summary>
    Up,

    /// <summary>ncp printed the node as <c>Unreachable</c>.</summary>
    Down,

    /// <summary>The output says nothing certain about the node: an error, PyDECnet down or hung, or text this parser does not know.</summary>
    Unknown,
}
