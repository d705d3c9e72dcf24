using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Tests.Support;
using static HecnetJobs.Tests.Scheduling.JobsXmlAssert;
using static HecnetJobs.Tests.Support.TestFiles;

namespace HecnetJobs.Tests.Scheduling;

/// <summary>Valid jobs.xml files and the schedule read from them.</summary>
public sealed class JobsXmlScheduleTests
{
    [Fact]
    public void The_shipped_jobs_xml_runs_housekeeping_every_24_hours_and_once_soon_after_a_missed_run()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "shipped", "jobs.xml");

        var schedule = new JobsXmlReader(JobCatalog.Types).ReadFile(path);

        Assert.True(schedule.OverwriteExisting);
        var job = schedule.Find("housekeeping")!;
        Assert.Equal(("housekeeping", "DEFAULT", "housekeeping"), (job.Name, job.Group, job.Type));
        Assert.Empty(job.Data);
        var trigger = Assert.IsType<SimpleTriggerDefinition>(Assert.Single(job.Triggers));
        Assert.Equal("housekeeping-daily", trigger.Name);
        Assert.Equal(TimeSpan.FromHours(24), trigger.RepeatInterval);
        Assert.Equal(-1, trigger.RepeatCount);
        Assert.Equal("FireNow", trigger.MisfireInstruction);
    }

    [Fact]
    public void The_shipped_jobs_xml_runs_the_watchdog_every_2_minutes_without_catching_up_after_downtime()
    {
        var schedule = new JobsXmlReader(JobCatalog.Types).ReadFile(Path.Combine(AppContext.BaseDirectory, "shipped", "jobs.xml"));

        var job = schedule.Find("watchdog")!;
        Assert.Equal("watchdog", job.Type);
        var trigger = Assert.IsType<SimpleTriggerDefinition>(Assert.Single(job.Triggers));
        Assert.Equal(TimeSpan.FromMinutes(2), trigger.RepeatInterval);
        Assert.Equal("RescheduleNextWithRemainingCount", trigger.MisfireInstruction);
    }

    [Fact]
    public void The_shipped_jobs_xml_sends_the_daily_digest_at_07_00_and_once_after_downtime()
    {
        var schedule = new JobsXmlReader(JobCatalog.Types).ReadFile(Path.Combine(AppContext.BaseDirectory, "shipped", "jobs.xml"));

        var job = schedule.Find("daily-digest")!;
        Assert.Equal("daily-digest", job.Type);
        var trigger = Assert.IsType<CronTriggerDefinition>(Assert.Single(job.Triggers));
        Assert.Equal("0 0 7 * * ?", trigger.Expression);
        Assert.Null(trigger.TimeZone);
        Assert.Equal("FireOnceNow", trigger.MisfireInstruction);
    }

    [Fact]
    public void A_cron_trigger_keeps_its_expression_time_zone_and_misfire_instruction()
    {
        var schedule = Read(JobsXml(Job("report", "selftest") + """
            <trigger><cron>
              <name>report-morning</name><group>reports</group><job-name>report</job-name>
              <misfire-instruction>DoNothing</misfire-instruction>
              <cron-expression>0 0 7 * * ?</cron-expression>
              <time-zone>Europe/Stockholm</time-zone>
            </cron></trigger>
            """));

        var trigger = Assert.IsType<CronTriggerDefinition>(Assert.Single(Assert.Single(schedule.Jobs).Triggers));
        Assert.Equal(("report-morning", "reports", "report"), (trigger.Name, trigger.Group, trigger.JobName));
        Assert.Equal("0 0 7 * * ?", trigger.Expression);
        Assert.Equal("Europe/Stockholm", trigger.TimeZone);
        Assert.Equal("DoNothing", trigger.MisfireInstruction);
    }

    [Fact]
    public void A_job_without_triggers_is_kept_with_its_data_and_description()
    {
        var schedule = Read(JobsXml("""
            <job>
              <name>probe</name><description> Checks the runner </description><job-type>selftest</job-type>
              <job-data-map><entry><key>outcome</key><value>failure</value></entry><entry><key>duration</key><value>2s</value></entry></job-data-map>
            </job>
            """));

        var job = Assert.Single(schedule.Jobs);
        Assert.Equal(("probe", "selftest", "Checks the runner"), (job.Name, job.Type, job.Description));
        Assert.Equal(new Dictionary<string, string> { ["outcome"] = "failure", ["duration"] = "2s" }, job.Data);
        Assert.Empty(job.Triggers);
    }

    [Fact]
    public void A_simple_trigger_without_optional_elements_gets_the_quartz_defaults()
    {
        var schedule = Read(JobsXml(Job("a", "selftest") + """
            <trigger><simple><name>t</name><job-name>a</job-name><repeat-interval>60000</repeat-interval></simple></trigger>
            """));

        var trigger = Assert.IsType<SimpleTriggerDefinition>(Assert.Single(Assert.Single(schedule.Jobs).Triggers));
        Assert.Equal(("DEFAULT", "SmartPolicy", 5, -1), (trigger.Group, trigger.MisfireInstruction, trigger.Priority, trigger.RepeatCount));
        Assert.Equal(TimeSpan.FromMinutes(1), trigger.RepeatInterval);
        Assert.Null(trigger.StartTime);
        Assert.Null(trigger.StartDelay);
    }

    [Fact]
    public void A_start_delay_and_an_end_time_are_read()
    {
        var schedule = Read(JobsXml(Job("a", "selftest") + """
            <trigger><simple>
              <name>t</name><job-name>a</job-name>
              <start-time-seconds-in-future>90</start-time-seconds-in-future><end-time>2030-01-01T00:00:00Z</end-time>
              <repeat-interval>60000</repeat-interval>
            </simple></trigger>
            """));

        var trigger = Assert.Single(Assert.Single(schedule.Jobs).Triggers);
        Assert.Equal(TimeSpan.FromSeconds(90), trigger.StartDelay);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), trigger.EndTime);
    }

    [Fact]
    public void With_ignore_duplicates_the_first_job_and_the_first_trigger_of_a_name_are_kept()
    {
        var schedule = Read($"""
            {JobsXmlHeader}
              <processing-directives><ignore-duplicates>true</ignore-duplicates></processing-directives>
              <schedule>
            {Job("a", "selftest")}
            {Job("a", "housekeeping")}
            {SimpleTrigger("t", "a", 60_000)}
            {SimpleTrigger("t", "a", 120_000)}
              </schedule>
            </job-scheduling-data>
            """);

        var job = Assert.Single(schedule.Jobs);
        Assert.Equal("selftest", job.Type);
        var trigger = Assert.IsType<SimpleTriggerDefinition>(Assert.Single(job.Triggers));
        Assert.Equal(TimeSpan.FromMinutes(1), trigger.RepeatInterval);
    }

    [Fact]
    public void Overwrite_existing_data_false_is_passed_on()
    {
        var schedule = Read($"""
            {JobsXmlHeader}
              <processing-directives><overwrite-existing-data>false</overwrite-existing-data></processing-directives>
              <schedule>{Job("a", "selftest")}</schedule>
            </job-scheduling-data>
            """);

        Assert.False(schedule.OverwriteExisting);
    }

    [Fact]
    public void Trigger_data_checked_against_the_job_type_is_kept_on_the_trigger()
    {
        var schedule = Read(JobsXml(Job("a", "selftest", Entry("outcome", "success")) + $"""
            <trigger><simple><name>t</name><job-name>a</job-name><job-data-map>{Entry("outcome", "failure")}</job-data-map><repeat-interval>60000</repeat-interval></simple></trigger>
            """));

        var job = Assert.Single(schedule.Jobs);
        Assert.Equal("success", job.Data["outcome"]);
        Assert.Equal("failure", Assert.Single(job.Triggers).Data["outcome"]);
    }

    [Fact]
    public void Reading_a_file_that_does_not_exist_names_the_file()
    {
        using var dir = new TempDir();
        var path = dir.File("jobs.xml");

        var error = Assert.Throws<HecnetJobsException>(() => new JobsXmlReader(JobCatalog.Types).ReadFile(path));

        Assert.Equal($"{path}: no such file (the schedules file; see jobs.xml in the repository)", error.Message);
        Assert.Equal(78, error.ExitCode);
    }

    [Fact]
    public void Errors_name_the_file_by_the_path_given_to_read_file()
    {
        using var dir = new TempDir();
        var path = dir.Write("jobs.xml", JobsXml("<job><name>a</name><job-type>nope</job-type></job>"));

        var error = Assert.Throws<HecnetJobsException>(() => new JobsXmlReader(JobCatalog.Types).ReadFile(path));

        Assert.Equal($"{path}:4:21: unknown job type 'nope' (expected one of: daily-digest, housekeeping, link-probe, name-refresh, selftest, watchdog)", error.Message);
    }
}
