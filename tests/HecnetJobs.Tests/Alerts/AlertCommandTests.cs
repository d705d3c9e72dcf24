using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Alerts;

/// <summary><c>hecnetjobs alert test</c> as a user runs it: the real executable against a real SMTP server.</summary>
public sealed class AlertCommandTests
{
    private const string Password = "app-password-0f9e8d";

    [Fact(Timeout = 90_000)]
    public async Task Alert_test_says_ok_per_channel_and_exits_0_when_all_work()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("housekeeping", "housekeeping"), """, "alerts": { "nodeName": "SAMPLE" }""");

        var run = await fixture.RunAsync("alert", "test");

        Assert.Equal(0, run.ExitCode);
        var line = Assert.Single(run.Stdout.Split('\n'));
        Assert.Matches($"^eml \\({System.Text.RegularExpressions.Regex.Escape(fixture.Dir.File("data/mail"))}\\): OK: [0-9]{{8}}-[0-9]{{6}}-test\\.[0-9T]+Z\\.[0-9]+\\.eml$", line);
        var mail = MimeKit.MimeMessage.Load(Directory.GetFiles(fixture.Dir.File("data/mail")).Single());
        Assert.StartsWith("[HECnet SAMPLE] test message ", mail.Subject, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task Alert_test_shows_the_servers_own_reply_for_a_wrong_password_exits_1_and_never_prints_or_logs_the_password()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("housekeeping", "housekeeping"), "");
        using var server = await SmtpTestServer.StartAsync(fixture.Dir.File("received"), auth: $"pi:{Password}");
        WriteConfig(fixture, server.Port, filePassword: "wrong-in-file-3141");

        using var wrong = fixture.Start(["alert", "test", "--config", fixture.ConfigFile]);
        await wrong.WaitForExitAsync(TimeSpan.FromSeconds(60));
        using var right = fixture.Start(["alert", "test", "--config", fixture.ConfigFile], new Dictionary<string, string> { ["HECNETJOBS_SMTP_PASSWORD"] = Password });
        await right.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, wrong.ExitCode);
        Assert.Equal($"smtp (127.0.0.1:{server.Port}): FAILED: 535 5.7.8 Authentication credentials invalid", wrong.Stdout);
        Assert.Equal(0, right.ExitCode);
        Assert.Equal($"smtp (127.0.0.1:{server.Port}): OK: 2.0.0 Ok: queued as 0001", right.Stdout);
        Assert.Equal("pi", Assert.Single(server.Messages).Login);
        var logs = Directory.Exists(fixture.Dir.File("data/logs")) ? string.Concat(Directory.GetFiles(fixture.Dir.File("data/logs")).Select(File.ReadAllText)) : "";
        foreach (var secret in new[] { "wrong-in-file-3141", Password })
        {
            Assert.DoesNotContain(secret, wrong.Stdout + wrong.Stderr + right.Stdout + right.Stderr + logs, StringComparison.Ordinal);
        }
    }

    /// <summary>A config whose only channel is the test SMTP server, plain (loopback), with a login.</summary>
    private static void WriteConfig(DaemonFixture fixture, int port, string filePassword) =>
        fixture.Dir.Write("config.json", $$"""
            {
              "dataDir": "data",
              "alerts": {
                "nodeName": "SAMPLE",
                "smtp": { "host": "127.0.0.1", "port": {{port}}, "security": "none", "user": "pi", "password": "{{filePassword}}", "from": "hecnetjobs@sample.example", "to": ["owner@example.org"] }
              }
            }
            """);
}
