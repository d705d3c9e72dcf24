using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;

namespace HecnetJobs.Tests.Scheduling;

/// <summary>Reads jobs.xml text with this build's job types, labelled "jobs.xml" as the messages show it.</summary>
internal static class JobsXmlAssert
{
    public const string Label = "jobs.xml";

    public static JobSchedule Read(string text) => new JobsXmlReader(JobCatalog.Types).Read(text, Label);

    /// <summary>Asserts that reading <paramref name="text"/> fails with exactly <paramref name="expected"/> and exit code 78.</summary>
    public static void Rejected(string text, string expected)
    {
        var error = Assert.Throws<HecnetJobsException>(() => Read(text));
        Assert.Equal(expected, error.Message);
        Assert.Equal(78, error.ExitCode);
    }
}
