namespace HecnetJobs.Pydecnet;

/// <summary>The line format a node list was recognised in.</summary>
public enum NodeListFormat
{
    /// <summary>No line parsed as a node entry in any format.</summary>
    None,

    /// <summary>PyDECnet's <c>nodenames.dat</c> lines, <c>1.13 MIM</c> (included with <c>node @file</c>).</summary>
    NamesFile,

    /// <summary>PyDECnet config lines, <c>node 1.13 MIM</c> (included with <c>@file</c>).</summary>
    NodeLines,

    /// <summary>The ncp-style listing served by mim.stupi.net/hecnod, <c>1.13 (MIM)   Reachable</c>, with headers and extra columns.</summary>
    NcpListing,
}
