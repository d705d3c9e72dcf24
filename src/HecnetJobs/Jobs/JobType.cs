namespace HecnetJobs.Jobs;

/// <summary>A job type that jobs.xml can name in <c>&lt;job-type&gt;</c>.</summary>
/// <param name="Name">The word used in jobs.xml.</param>
/// <param name="DataKeys">The job-data-map keys the type reads, each with a check that returns what is wrong with a value, or null.</param>
public sealed record JobType(
    string Name,
    string Summary,
    IReadOnlyDictionary<string, Func<string, string?>> DataKeys,
    Func<JobServices, IHecnetJob> Create);

/// <summary>Every job type this build has.</summary>
public static class JobCatalog
{
    public static readonly IReadOnlyDictionary<string, JobType> Types = new[]
    {
        DailyDigestJob.Type,
        HousekeepingJob.Type,
        LinkProbeJob.Type,
        NameRefreshJob.Type,
        SelftestJob.Type,
        WatchdogJob.Type,
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);
}
