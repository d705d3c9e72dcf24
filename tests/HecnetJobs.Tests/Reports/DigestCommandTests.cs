using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Reports;

/// <summary><c>trigger daily-digest [--print]</c> and <c>report</c> as a user runs them.</summary>
public sealed class DigestCommandTests
{
    private const string Alerts = """, "alerts": { "nodeName": "SAMPLE" }""";

    [Fact(Timeout = 90_000)]
    public async Task Trigger_daily_digest_print_prints_the_message_and_sends_nothing()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("daily-digest", "daily-digest"), Alerts);

        var run = await fixture.RunAsync("trigger", "daily-digest", "--print");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Subject: [HECnet SAMPLE] daily digest (PyDECnet not watched, no alerts)", run.Stdout.Split('\n')[0]);
        Assert.Contains("\nPyDECnet: not watched (no watchdog has run).\n\nAlerts raised: none.\n\nJob failures: none.\n\nAlerts still queued: none.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Scalar("SELECT count(*) FROM hj_alerts"));
    }

    [Fact(Timeout = 90_000)]
    public async Task Print_is_refused_for_a_job_that_is_not_a_daily_digest()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("housekeeping", "housekeeping"), Alerts);

        var run = await fixture.RunAsync("trigger", "housekeeping", "--print");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--print: 'housekeeping' is a housekeeping job; --print shows a daily-digest job's message", run.Stderr);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_daily_digest_run_is_delivered_through_the_outbox_as_one_message()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("daily-digest", "daily-digest"), Alerts);

        var run = await fixture.RunAsync("trigger", "daily-digest");

        Assert.Equal(0, run.ExitCode);
        var mail = MimeKit.MimeMessage.Load(Assert.Single(Directory.GetFiles(fixture.Dir.File("data/mail"), "*.eml")));
        Assert.StartsWith("[HECnet SAMPLE] daily digest (PyDECnet not watched, no alerts) ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Daily digest for HECnet node SAMPLE: ", mail.TextBody!, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task Report_refuses_an_unknown_format_with_exit_code_2()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("housekeeping", "housekeeping"), Alerts);

        var run = await fixture.RunAsync("report", "--format", "xml");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--format: 'xml' is not one of text, csv, json\nTry 'hecnetjobs --help'.", run.Stderr);
    }

    [Fact(Timeout = 90_000)]
    public async Task Report_without_watchdog_history_says_so()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("housekeeping", "housekeeping"), Alerts);
        Assert.Equal(0, (await fixture.RunAsync("trigger", "housekeeping")).ExitCode);

        var run = await fixture.RunAsync("report", "--since", "2d");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("HecnetJobs report for HECnet node SAMPLE, ", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\n\nNo PyDECnet history: no watchdog has run.", run.Stdout, StringComparison.Ordinal);
    }
}
