using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Tests.Support;
using static HecnetJobs.Tests.Support.TestFiles;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The link-probe job in jobs.xml: the shipped schedule, its data-map key, and what <c>check</c> and <c>run</c> require.</summary>
public sealed class LinkProbeScheduleTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_shipped_jobs_xml_probes_links_every_2_minutes_without_catching_up_after_downtime()
    {
        var schedule = new JobsXmlReader(JobCatalog.Types).ReadFile(Path.Combine(AppContext.BaseDirectory, "shipped", "jobs.xml"));

        var job = schedule.Find("link-probe")!;
        Assert.Equal("link-probe", job.Type);
        Assert.Empty(job.Data);
        var trigger = Assert.IsType<SimpleTriggerDefinition>(Assert.Single(job.Triggers));
        Assert.Equal((TimeSpan.FromMinutes(2), -1), (trigger.RepeatInterval, trigger.RepeatCount));
        Assert.Equal("RescheduleNextWithRemainingCount", trigger.MisfireInstruction);
    }

    [Fact]
    public void A_bad_target_in_the_job_data_map_is_refused_at_its_line()
    {
        var path = _dir.Write("jobs.xml", JobsXml(Job("probe", "link-probe", Entry("targets", "MIM,TOOLONG7"))));

        var error = Assert.Throws<HecnetJobsException>(() => new JobsXmlReader(JobCatalog.Types).ReadFile(path));

        Assert.Equal(
            $"{path}:4:60: job-data-map 'targets': 'MIM,TOOLONG7' is not valid for link-probe jobs ('TOOLONG7' is not {LinkTargets.Expected})",
            error.Message);
    }

    [Fact]
    public void An_unknown_data_map_key_names_the_one_link_probe_jobs_take()
    {
        var path = _dir.Write("jobs.xml", JobsXml(Job("probe", "link-probe", Entry("target", "MIM"))));

        var error = Assert.Throws<HecnetJobsException>(() => new JobsXmlReader(JobCatalog.Types).ReadFile(path));

        Assert.Equal($"{path}:4:60: job-data-map key 'target' is not used by link-probe jobs (expected one of: targets)", error.Message);
    }

    [Fact]
    public void Check_reports_an_ncp_command_that_does_not_exist_when_a_link_probe_job_is_scheduled()
    {
        var schedule = new JobSchedule([new JobDefinition("probe", "DEFAULT", "link-probe", null, new Dictionary<string, string>(), [])], true);
        var options = Options(_dir.File("bin/ncp"));

        var problems = JobRequirements.Problems(options, schedule);

        Assert.Equal([$"{options.ConfigFile}: 'linkProbe.ncpCommand': '{_dir.File("bin/ncp")}' does not exist; jobs.xml has link-probe job probe, which runs it"], problems);
    }

    [Fact]
    public void Check_does_not_ask_for_ncp_when_no_link_probe_job_is_scheduled()
    {
        var schedule = new JobSchedule([new JobDefinition("hk", "DEFAULT", "housekeeping", null, new Dictionary<string, string>(), [])], true);

        Assert.Empty(JobRequirements.Problems(Options("/nowhere/ncp"), schedule));
    }

    private HecnetJobsOptions Options(string ncp) => new()
    {
        ConfigFile = _dir.File("config.json"),
        DataDir = _dir.File("data"),
        JobsFile = _dir.File("jobs.xml"),
        Logging = new LoggingOptions { Dir = _dir.File("logs") },
        Status = new StatusOptions { File = _dir.File("status.json") },
        Housekeeping = new HousekeepingOptions(),
        Pydecnet = new HecnetJobs.Pydecnet.PydecnetOptions { WorkingDirectory = _dir.Path, ConsoleLog = _dir.File("console.log") },
        Watchdog = new WatchdogOptions(),
        LinkProbe = new LinkProbeOptions { NcpCommand = ncp },
    };
}
