namespace HecnetJobs.Tests.Jobs;

/// <summary>
/// The kill -9 loop starts twenty-odd .NET processes that each parse and write 64,449 entries; on a 2-core machine
/// that load makes other tests' sub-second probe timeouts fail. Its collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NameRefreshRunsAlone
{
    public const string Name = "name-refresh kill loop";
}
