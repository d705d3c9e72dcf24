using HecnetJobs.Pydecnet;

namespace HecnetJobs.Names;

/// <summary>The names file a refresh replaces, how PyDECnet includes it, and this router's own node, which no entry may contradict.</summary>
/// <param name="File">The names file's full path.</param>
/// <param name="Include">Whether PyDECnet reads it as <c>node @file</c> or <c>@file</c>, which decides the syntax written.</param>
/// <param name="OwnNode">This router's address and name from its config; null when unknown.</param>
/// <param name="Origin">Where the file was named, for messages: <c>nameRefresh.namesFile</c> or <c>/etc/pydecnet/node.conf:4</c>.</param>
public sealed record NamesTarget(string File, NamesInclude Include, NodeEntry? OwnNode, string Origin);
