using System.Globalization;
using HecnetJobs.Status;
using HecnetJobs.Tests.Support;
using static HecnetJobs.Tests.Status.StatusSamples;

namespace HecnetJobs.Tests.Status;

public sealed class StatusReportTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_fresh_ok_heartbeat_is_ok_with_a_headline_of_mode_uptime_and_jobs()
    {
        var report = Judge(Healthy());

        Assert.Equal(NagiosCodes.Ok, report.Code);
        Assert.Equal("daemon pid 4242, up 2h13m, 1 job, none failing", report.Headline);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void A_heartbeat_older_than_stale_after_is_critical_and_says_how_old()
    {
        var document = Healthy();
        document.UpdatedAt = Now - new TimeSpan(0, 7, 30);

        var report = Judge(document);

        Assert.Equal(NagiosCodes.Critical, report.Code);
        Assert.Equal("heartbeat is 7m30s old (stale after 5m): is HecnetJobs running?", report.Headline);
        Assert.Equal(["heartbeat is 7m30s old (stale after 5m): is HecnetJobs running?"], report.Problems);
    }

    [Fact]
    public void A_heartbeat_hours_old_is_given_to_the_minute()
    {
        var document = Healthy();
        document.UpdatedAt = Now - new TimeSpan(2, 13, 7);

        var report = Judge(document);

        Assert.Equal("heartbeat is 2h13m old (stale after 5m): is HecnetJobs running?", report.Headline);
    }

    [Fact]
    public void A_heartbeat_exactly_stale_after_old_is_still_ok()
    {
        var document = Healthy();
        document.UpdatedAt = Now - StaleAfter;

        Assert.Equal(NagiosCodes.Ok, Judge(document).Code);
    }

    [Fact]
    public void A_stopped_daemon_is_critical_and_says_when_it_stopped()
    {
        var stoppedAt = Now - TimeSpan.FromMinutes(42);
        var document = Healthy();
        document.Daemon.Mode = "stopped";
        document.Daemon.StoppedAt = stoppedAt;
        document.UpdatedAt = stoppedAt;

        var report = Judge(document);

        Assert.Equal(NagiosCodes.Critical, report.Code);
        // The time is shown on the machine's clock, as `date` would show it.
        Assert.Equal($"the daemon stopped at {Local(stoppedAt, "yyyy-MM-dd HH:mm")}", report.Headline);
        Assert.Single(report.Problems);
    }

    [Fact]
    public void A_writer_warning_is_a_warning_with_its_problems_in_order()
    {
        var document = Healthy();
        document.State = StatusStates.Warning;
        document.Problems.AddRange(["jobs.xml edit refused (previous schedules in force): line 3: bad cron", "job housekeeping failed at 03:55: disk full"]);

        var report = Judge(document);

        Assert.Equal(NagiosCodes.Warning, report.Code);
        Assert.Equal("jobs.xml edit refused (previous schedules in force): line 3: bad cron", report.Headline);
        Assert.Equal(document.Problems, report.Problems);
    }

    [Fact]
    public void A_stale_warning_is_critical_with_the_age_first_and_the_writers_problems_after()
    {
        var document = Healthy();
        document.UpdatedAt = Now - TimeSpan.FromMinutes(10);
        document.State = StatusStates.Warning;
        document.Problems.Add("job housekeeping failed at 03:50: disk full");

        var report = Judge(document);

        Assert.Equal(NagiosCodes.Critical, report.Code);
        Assert.Equal(
            ["heartbeat is 10m old (stale after 5m): is HecnetJobs running?", "job housekeeping failed at 03:50: disk full"],
            report.Problems);
    }

    [Fact]
    public void A_state_this_version_does_not_know_is_unknown_and_named()
    {
        var document = Healthy();
        document.State = "degraded";

        var report = Judge(document);

        Assert.Equal(NagiosCodes.Unknown, report.Code);
        Assert.Equal("unknown state 'degraded' in the status file", report.Headline);
    }

    [Fact]
    public void An_ok_heartbeat_with_a_failed_job_does_not_claim_none_failing()
    {
        var document = Healthy();
        document.Jobs["housekeeping"].Result = "failure";

        Assert.Equal("daemon pid 4242, up 2h13m, 1 job, 1 failing", Judge(document).Headline);
    }

    [Fact]
    public void The_nagios_line_has_the_code_word_headline_and_performance_data()
    {
        var report = Judge(Healthy());

        Assert.Equal(
            "HECNETJOBS OK - daemon pid 4242, up 2h13m, 1 job, none failing | heartbeat_age=12s;;;0 jobs=1;;;0 jobs_failing=0;;;0 outbox_queued=0;;;0",
            report.NagiosLine());
    }

    [Fact]
    public void The_nagios_performance_data_counts_failing_jobs_and_queued_alerts()
    {
        var document = Healthy();
        document.State = StatusStates.Warning;
        document.Problems.Add("job selftest was interrupted at 03:58: HecnetJobs stopped before the run ended");
        document.Jobs["selftest"] = new JobStatus { Type = "selftest", Result = "interrupted" };
        document.Outbox.Queued = 3;

        var line = Judge(document).NagiosLine();

        Assert.Equal(
            "HECNETJOBS WARNING - job selftest was interrupted at 03:58: HecnetJobs stopped before the run ended | heartbeat_age=12s;;;0 jobs=2;;;0 jobs_failing=1;;;0 outbox_queued=3;;;0",
            line);
    }

    [Fact]
    public void Human_text_shows_the_daemon_heartbeat_and_each_job_with_its_next_run()
    {
        var document = Healthy();
        document.Jobs["selftest"] = new JobStatus { Type = "selftest", NextRun = Now + TimeSpan.FromSeconds(10) };

        var text = Judge(document).HumanText(Now);

        Assert.Equal(
            """
            HecnetJobs OK: daemon pid 4242, up 2h13m
            Heartbeat 12s ago
            PyDECnet: unknown
            Jobs:
              housekeeping: success 5m ago, next in 55m
              selftest: not run yet, next in 10s

            """,
            text);
    }

    [Fact]
    public void Human_text_puts_problems_first_then_links_and_queued_alerts()
    {
        var document = Healthy();
        document.State = StatusStates.Warning;
        document.Problems.Add("link MIM down since 03:40");
        document.Pydecnet = new PydecnetStatus { State = "running", Pid = 777, Since = Now - TimeSpan.FromHours(1), RssBytes = 31 * 1024 * 1024, Restarts24h = 2 };
        document.Links["MIM"] = new LinkStatus { State = "down" };
        document.Links["A1RTR"] = new LinkStatus { State = "up" };
        document.Jobs.Clear();
        document.Outbox.Queued = 2;

        var text = Judge(document).HumanText(Now);

        Assert.Equal(
            """
            HecnetJobs WARNING: daemon pid 4242, up 2h13m
            Heartbeat 12s ago
            ! link MIM down since 03:40
            PyDECnet: running, PID 777, for 1h, 31 MiB, 2 restarts in 24h
            Link A1RTR: up
            Link MIM: down
            Alerts queued: 2

            """,
            text);
    }

    [Fact]
    public void An_unreadable_status_file_passes_its_code_and_problem_through()
    {
        using var dir = new TempDir();
        var path = dir.File("status.json");

        var report = StatusReport.From(StatusFileReader.Read(path), Now, StaleAfter);

        var problem = $"no status file at {path}: HecnetJobs has not run with this config (or status.file points elsewhere)";
        Assert.Equal(NagiosCodes.Critical, report.Code);
        Assert.Equal(problem, report.Headline);
        Assert.Equal([problem], report.Problems);
        Assert.Equal($"HECNETJOBS CRITICAL - {problem}", report.NagiosLine());
        Assert.Equal($"HecnetJobs CRITICAL\n{problem}\n", report.HumanText(Now));
    }

    [Fact]
    public void An_unknown_read_result_stays_unknown()
    {
        var read = new StatusReadResult(null, NagiosCodes.Unknown, "/var/lib/hecnetjobs/status.json: the file is empty (expected the JSON heartbeat)");

        var report = StatusReport.From(read, Now, StaleAfter);

        Assert.Equal(NagiosCodes.Unknown, report.Code);
        Assert.Equal("UNKNOWN", report.CodeWord);
    }

    private static StatusReport Judge(StatusDocument document) =>
        StatusReport.From(new StatusReadResult(document, NagiosCodes.Ok, null), Now, StaleAfter);

    private static string Local(DateTimeOffset time, string format) =>
        TimeZoneInfo.ConvertTime(time, TimeZoneInfo.Local).ToString(format, CultureInfo.InvariantCulture);
}
