namespace HecnetJobs.Pydecnet;

/// <summary>How PyDECnet's config includes the names file, which decides the syntax of its lines.</summary>
public enum NamesInclude
{
    /// <summary><c>node @file</c>: PyDECnet puts <c>node </c> before each line, so lines are <c>1.13 MIM</c>.</summary>
    NodeAt,

    /// <summary><c>@file</c>: lines are read as config lines, so each is <c>node 1.13 MIM</c>.</summary>
    Plain,
}
