using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Alerts;

/// <summary>The outbox in the real executable: the daemon's delivery loop across a kill -9, and the drain at the end of a one-shot run.</summary>
public sealed class OutboxProcessTests
{
    private const string InsertAlert = """
        INSERT INTO hj_alerts (raised_at, source, kind, severity, subject, body)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'link-probe', 'link.down', 'warning', 'link MIM down', 'MIM does not answer.');
        """;

    [Fact(Timeout = 120_000)]
    public async Task An_alert_queued_while_the_mail_server_is_down_is_delivered_once_after_the_daemon_is_killed_and_restarted()
    {
        var port = SmtpTestServer.FreePort();
        using var fixture = new DaemonFixture(TestFiles.Job("housekeeping", "housekeeping"), $$"""
            , "alerts": { "nodeName": "SAMPLE", "retryInitial": "1s", "retryMax": "2s",
                          "smtp": { "host": "127.0.0.1", "port": {{port}}, "security": "none", "to": ["owner@example.org"], "timeout": "5s" } }
            """);
        var daemon = await fixture.StartDaemonAsync();
        fixture.Execute(InsertAlert);
        await Poll.UntilAsync(() => fixture.Scalar("SELECT count(*) FROM hj_deliveries WHERE attempts >= 1 AND state = 'queued'") == 1,
            "a failed delivery attempt recorded", () => daemon.Stderr);

        daemon.Signal(Signals.SIGKILL);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(20));
        using var server = await SmtpTestServer.StartAsync(fixture.Dir.File("received"), port: port);
        var again = await fixture.StartDaemonAsync();

        await Poll.UntilAsync(() => fixture.Scalar("SELECT count(*) FROM hj_deliveries WHERE state = 'sent'") == 1,
            "the alert marked sent", () => again.Stderr);
        await Poll.UntilAsync(() => fixture.StatusText.Contains("\"queued\": 0", StringComparison.Ordinal), "status file outbox.queued 0", () => fixture.StatusText);
        var mail = Assert.Single(server.Messages);
        Assert.StartsWith("[HECnet SAMPLE] link MIM down ", mail.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("MIM does not answer.", mail.Message.TextBody!, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_one_shot_trigger_run_delivers_what_is_queued_before_it_exits()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("housekeeping", "housekeeping"), """, "alerts": { "nodeName": "SAMPLE" }""");
        var first = await fixture.RunAsync("trigger", "housekeeping");
        Assert.Equal(0, first.ExitCode);
        fixture.Execute(InsertAlert);

        var run = await fixture.RunAsync("trigger", "housekeeping");

        Assert.Equal(0, run.ExitCode);
        var file = Assert.Single(Directory.GetFiles(fixture.Dir.File("data/mail"), "*.eml"));
        Assert.StartsWith("[HECnet SAMPLE] link MIM down ", MimeKit.MimeMessage.Load(file).Subject, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Scalar("SELECT count(*) FROM hj_deliveries WHERE state = 'sent' AND channel = 'eml'"));
    }
}
