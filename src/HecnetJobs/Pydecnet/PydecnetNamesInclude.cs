namespace HecnetJobs.Pydecnet;

/// <summary>A names file that the PyDECnet config includes, with the form of include and the line that names it.</summary>
/// <param name="Path">The full path of the included file, resolved against the folder of the including file.</param>
/// <param name="Form">Whether the file is included as <c>node @file</c> or as <c>@file</c>.</param>
/// <param name="IncludedFrom">The full path of the config file that holds the include line.</param>
/// <param name="Line">The 1-based line number of the include line in <paramref name="IncludedFrom"/>.</param>
public sealed record PydecnetNamesInclude(string Path, NamesInclude Form, string IncludedFrom, int Line)
{
    /// <summary>The line to write into this file for one node, e.g. <c>1.13 MIM</c> for <c>node @file</c> or <c>node 1.13 MIM</c> for <c>@file</c>.</summary>
    public string FormatLine(string address, string name) =>
        Form == NamesInclude.NodeAt ? $"{address} {name}" : $"node {address} {name}";
}
