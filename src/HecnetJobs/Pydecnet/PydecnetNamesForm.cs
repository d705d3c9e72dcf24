namespace HecnetJobs.Pydecnet;

/// <summary>How a names file is included in the PyDECnet config, which decides how each of its lines must be written.</summary>
public enum PydecnetNamesForm
{
    /// <summary>Included as <c>node @file</c>: PyDECnet puts <c>node </c> in front of each line, so lines read <c>1.13 MIM</c>.</summary>
    NodeAt,

    /// <summary>Included as <c>@file</c>, as it is, so lines read <c>node 1.13 MIM</c>.</summary>
    Plain,
}
