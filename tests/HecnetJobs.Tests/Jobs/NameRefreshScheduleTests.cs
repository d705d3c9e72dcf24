using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Tests.Support;
using static HecnetJobs.Tests.Support.TestFiles;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The name-refresh job's job-data-map in jobs.xml.</summary>
public sealed class NameRefreshScheduleTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_pending_only_value_that_is_not_true_or_false_is_refused_at_its_line()
    {
        var path = _dir.Write("jobs.xml", JobsXml(Job("names", "name-refresh", Entry("pendingOnly", "yes"))));

        var error = Assert.Throws<HecnetJobsException>(() => new JobsXmlReader(JobCatalog.Types).ReadFile(path));

        Assert.Equal($"{path}:4:62: job-data-map 'pendingOnly': 'yes' is not valid for name-refresh jobs ('yes' is not true or false)", error.Message);
    }

    [Fact]
    public void The_shipped_jobs_xml_checks_for_due_restarts_every_15_minutes_without_downloading()
    {
        var schedule = new JobsXmlReader(JobCatalog.Types).ReadFile(Path.Combine(AppContext.BaseDirectory, "shipped", "jobs.xml"));

        var trigger = Assert.IsType<SimpleTriggerDefinition>(Assert.Single(schedule.Find("name-refresh")!.Triggers, t => t.Data.ContainsKey("pendingOnly")));
        Assert.Equal(("true", TimeSpan.FromMinutes(15)), (trigger.Data["pendingOnly"], trigger.RepeatInterval));
    }
}
