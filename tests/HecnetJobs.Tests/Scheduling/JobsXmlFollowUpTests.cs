using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Scheduling;

/// <summary>Cases found in review: each asserts the exact lines the user gets.</summary>
public sealed class JobsXmlFollowUpTests
{
    [Fact]
    public void A_crontab_style_five_field_expression_gets_a_hint_about_seconds()
    {
        var text = TestFiles.JobsXml(TestFiles.Job("a", "selftest") +
            "<trigger><cron><name>t</name><job-name>a</job-name><cron-expression>0 7 * * *</cron-expression></cron></trigger>");

        Assert.Equal(
            "jobs.xml:4:111: bad cron expression '0 7 * * *': it has 5 fields (crontab form); Quartz puts seconds first (Quartz format: seconds minutes hours day-of-month month day-of-week, e.g. 0 0 7 * * ?)",
            Rejected(text));
    }

    [Fact]
    public void A_trigger_of_a_job_with_a_bad_type_adds_no_second_error()
    {
        var text = TestFiles.JobsXml(TestFiles.Job("a", "nosuch") + TestFiles.SimpleTrigger("t", "a", 60000));

        Assert.Equal("jobs.xml:4:25: unknown job type 'nosuch' (expected one of: daily-digest, housekeeping, link-probe, name-refresh, selftest, watchdog)", Rejected(text));
    }

    [Fact]
    public void An_empty_name_is_reported_once()
    {
        var text = TestFiles.JobsXml("<job><name> </name><job-type>selftest</job-type></job>");

        Assert.Equal("jobs.xml:4:7: <name> is empty", Rejected(text));
    }

    private static string Rejected(string text)
    {
        var error = Assert.Throws<HecnetJobsException>(() => new JobsXmlReader(JobCatalog.Types).Read(text, "jobs.xml"));
        Assert.Equal(ExitCodes.Config, error.ExitCode);
        return error.Message;
    }
}
