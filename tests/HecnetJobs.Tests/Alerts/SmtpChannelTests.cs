using HecnetJobs.Alerts;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Alerts;

/// <summary>The SMTP channel against a real SMTP server (python3-aiosmtpd) on loopback: TLS, login, failures, retries.</summary>
public sealed class SmtpChannelTests : IDisposable
{
    private const string Password = "app-password-0f9e8d";

    private readonly OutboxHarness _h = new();

    public void Dispose() => _h.Dispose();

    private string ServerFolder => _h.Db.Dir.File("received");

    private static SmtpOptions Smtp(int port, string security = SmtpSecurity.None, string? user = null, string? password = null, string? caFile = null) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = security,
        User = user,
        Password = password is null ? null : new Secret(password),
        From = "hecnetjobs@sample.example",
        To = ["owner@example.org", "second@example.org"],
        CaFile = caFile,
        Timeout = TimeSpan.FromSeconds(10),
    };

    [Fact(Timeout = 60_000)]
    public async Task An_alert_goes_out_over_starttls_with_login_and_the_right_headers_and_body()
    {
        var certificate = TestCertificate.Create(_h.Db.Dir.File("tls"));
        using var server = await SmtpTestServer.StartAsync(ServerFolder, auth: $"pi:{Password}", startTls: certificate);
        _h.Raise("PyDECnet restarted (crash)", body: "PyDECnet was restarted: crash: PID 4242 exited.");

        var sent = await _h.Outbox(OutboxHarness.Options(smtp: Smtp(server.Port, SmtpSecurity.StartTls, "pi", Password, certificate.CertificateFile))).DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        var mail = Assert.Single(server.Messages);
        Assert.True(mail.Tls);
        Assert.Equal("pi", mail.Login);
        Assert.Equal("hecnetjobs@sample.example", mail.MailFrom);
        Assert.Equal(["owner@example.org", "second@example.org"], mail.RcptTo);
        Assert.Equal("[HECnet SAMPLE] PyDECnet restarted (crash) 03:12", mail.Message.Subject);
        Assert.Equal("alert-1.20261123T031200000Z@sample.hecnetjobs.invalid", mail.Message.MessageId);
        Assert.Equal("hecnetjobs@sample.example", mail.Message.From.Mailboxes.Single().Address);
        Assert.Equal("auto-generated", mail.Message.Headers["Auto-Submitted"]);
        Assert.StartsWith("PyDECnet restarted (crash), at 03:12 on HECnet node SAMPLE.\n\nPyDECnet was restarted: crash: PID 4242 exited.\n\n-- \n", mail.Message.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("<b>PyDECnet restarted (crash)</b>", mail.Message.HtmlBody);
        Assert.Contains("Information: Sent 1 alert(s) through smtp as alert-1.20261123T031200000Z@sample.hecnetjobs.invalid: 2.0.0 Ok: queued as 0001", _h.Logs.Lines);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_alert_goes_out_over_implicit_tls()
    {
        var certificate = TestCertificate.Create(_h.Db.Dir.File("tls"));
        using var server = await SmtpTestServer.StartAsync(ServerFolder, tls: certificate);
        _h.Raise("PyDECnet not answering");

        await _h.Outbox(OutboxHarness.Options(smtp: Smtp(server.Port, SmtpSecurity.Tls, caFile: certificate.CertificateFile))).DeliverDueAsync(CancellationToken.None);

        var mail = Assert.Single(server.Messages);
        Assert.True(mail.Tls);
        Assert.Equal("[HECnet SAMPLE] PyDECnet not answering 03:12", mail.Message.Subject);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_certificate_from_an_unknown_ca_is_refused_and_the_alert_stays_queued()
    {
        var certificate = TestCertificate.Create(_h.Db.Dir.File("tls"));
        using var server = await SmtpTestServer.StartAsync(ServerFolder, startTls: certificate);
        _h.Raise("PyDECnet not answering");

        await _h.Outbox(OutboxHarness.Options(smtp: Smtp(server.Port, SmtpSecurity.StartTls))).DeliverDueAsync(CancellationToken.None);

        Assert.Empty(server.Messages);
        Assert.Equal(
            "queued|TLS with 127.0.0.1:" + server.Port + " failed: the certificate is not trusted (UntrustedRoot); for a private CA set alerts.smtp.caFile",
            _h.Scalar("SELECT state || '|' || last_error FROM hj_deliveries;"));
    }

    [Fact(Timeout = 60_000)]
    public async Task With_the_server_down_the_alert_stays_queued_and_after_the_back_off_is_delivered_exactly_once()
    {
        var port = SmtpTestServer.FreePort();
        var outbox = _h.Outbox(OutboxHarness.Options(smtp: Smtp(port)));
        _h.Raise("link MIM down", source: "link-probe");

        Assert.Equal(0, await outbox.DeliverDueAsync(CancellationToken.None));
        Assert.Equal($"queued|1|2026-11-23T03:12:30.000Z|cannot connect to 127.0.0.1:{port}: Connection refused",
            _h.Scalar("SELECT state || '|' || attempts || '|' || next_attempt_at || '|' || last_error FROM hj_deliveries;"));

        using var server = await SmtpTestServer.StartAsync(ServerFolder, port: port);
        _h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await outbox.DeliverDueAsync(CancellationToken.None));
        Assert.Empty(server.Messages);

        _h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await outbox.DeliverDueAsync(CancellationToken.None));
        _h.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await outbox.DeliverDueAsync(CancellationToken.None));

        var mail = Assert.Single(server.Messages);
        Assert.Equal("[HECnet SAMPLE] link MIM down 03:12", mail.Message.Subject);
        Assert.Equal("sent|2", _h.Scalar("SELECT state || '|' || attempts FROM hj_deliveries;"));
        Assert.Contains(_h.Logs.Lines, l => l == "Information: smtp works again after 1 failed attempt(s)");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_password_is_reported_in_the_servers_words_retried_with_back_off_and_never_logged_or_stored()
    {
        var certificate = TestCertificate.Create(_h.Db.Dir.File("tls"));
        using var server = await SmtpTestServer.StartAsync(ServerFolder, auth: $"pi:{Password}", startTls: certificate);
        const string Wrong = "wrong-secret-77aa";
        var outbox = _h.Outbox(OutboxHarness.Options(smtp: Smtp(server.Port, SmtpSecurity.StartTls, "pi", Wrong, certificate.CertificateFile)));
        _h.Raise("PyDECnet restarted (crash)");

        await outbox.DeliverDueAsync(CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await outbox.DeliverDueAsync(CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromSeconds(59));
        await outbox.DeliverDueAsync(CancellationToken.None);

        Assert.Empty(server.Messages);
        var channel = Assert.Single(_h.Store.Channels());
        Assert.Equal("535 5.7.8 Authentication credentials invalid", channel.LastError);
        Assert.Equal(2, channel.Attempts);
        Assert.Equal(OutboxHarness.Start + TimeSpan.FromSeconds(30 + 60), channel.RetryAt);
        Assert.Equal(OutboxHarness.Start, channel.FailingSince);
        Assert.Equal(
            "Warning: smtp (127.0.0.1:" + server.Port + ") failed, 1 alert(s) stay queued, next attempt in 30s: 535 5.7.8 Authentication credentials invalid",
            _h.Logs.Lines.Single(l => l.StartsWith("Warning", StringComparison.Ordinal)));
        Assert.DoesNotContain(Wrong, _h.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, DatabaseText(), StringComparison.Ordinal);
    }

    /// <summary>Every text value in the database, to prove a secret is in none of them.</summary>
    private string DatabaseText()
    {
        using var connection = _h.Db.Database.Open();
        var text = new System.Text.StringBuilder();
        foreach (var table in new[] { "hj_deliveries", "hj_channels", "hj_alerts", "hj_events" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table};";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                    text.Append(reader.GetValue(i)).Append('|');
            }
        }
        return text.ToString();
    }
}
