using HecnetJobs.Alerts;
using HecnetJobs.Config;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Config;

/// <summary>The <c>alerts</c> section: defaults, the exact lines for mistakes, and secrets that never appear in them.</summary>
public sealed class ConfigLoaderAlertsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public ConfigLoaderAlertsTests() => _dir.Write("jobs.xml", TestFiles.JobsXml(""));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Without_an_alerts_section_alerts_go_to_eml_files_in_the_data_folder()
    {
        var options = Load("""{ "dataDir": "data" }""");

        Assert.Equal(_dir.File("data/mail"), options.Alerts.Eml!.Folder);
        Assert.Equal(AlertSeverity.Info, options.Alerts.Eml.MinSeverity);
        Assert.Null(options.Alerts.Smtp);
        Assert.Null(options.Alerts.Webhook);
        Assert.Null(options.Alerts.Ping);
        Assert.Equal(TimeSpan.FromHours(1), options.Alerts.WarnAfter);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Alerts.RetryInitial);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Alerts.RetryMax);
        Assert.Equal(Environment.MachineName.ToUpperInvariant(), options.Alerts.NodeName);
    }

    [Fact]
    public void An_smtp_section_turns_the_eml_folder_off_and_takes_its_port_from_the_security_word()
    {
        var options = Load("""
            { "dataDir": "data", "alerts": { "nodeName": "SAMPLE", "smtp": { "host": "smtp.gmail.com", "security": "tls", "user": "me@gmail.com", "password": "x", "to": ["me@gmail.com"] } } }
            """);

        var smtp = options.Alerts.Smtp!;
        Assert.Null(options.Alerts.Eml);
        Assert.Equal(465, smtp.Port);
        Assert.Equal("me@gmail.com", smtp.From);
        Assert.Equal("(secret)", $"{smtp.Password}");
        Assert.Equal("SAMPLE", options.Alerts.NodeName);
    }

    public static TheoryData<string, string> OneProblem => new()
    {
        { """{ "smtp": { "to": ["a@b.c"] } }""", "'alerts.smtp.host': missing (e.g. \"smtp.gmail.com\")" },
        { """{ "smtp": { "host": "h" } }""", "'alerts.smtp.to': missing (e.g. [\"you@example.org\"])" },
        { """{ "smtp": { "host": "h", "to": ["nobody"] } }""", "'alerts.smtp.to': 'nobody' is not a mail address (e.g. \"you@example.org\")" },
        { """{ "smtp": { "host": "h", "to": ["a@b.c"], "security": "ssl" } }""", "'alerts.smtp.security': 'ssl' is not one of starttls, tls, none" },
        { """{ "smtp": { "host": "h", "to": ["a@b.c"], "user": "me" } }""", "'alerts.smtp.password': missing for user 'me'; set it here or in $HECNETJOBS_SMTP_PASSWORD (Gmail needs an app password)" },
        { """{ "smtp": { "host": "h", "to": ["a@b.c"], "password": "hunter2" } }""", "'alerts.smtp.password': is set but alerts.smtp.user is missing; give both or neither" },
        { """{ "smtp": { "host": "h", "to": ["a@b.c"], "user": "me", "password": ["hunter2"] } }""", "'alerts.smtp.password': is not a non-empty string (the value is not shown: it is a secret)" },
        {
            """{ "smtp": { "host": "mail.example.org", "to": ["a@b.c"], "user": "me", "password": "hunter2", "security": "none" } }""",
            "'alerts.smtp.security': 'none' would send the password of 'me' unencrypted to mail.example.org; use \"starttls\" or \"tls\""
        },
        { """{ "webhook": { "url": "ftp://x/hunter2" } }""", "'alerts.webhook.url': is not an absolute http or https URL (e.g. \"https://ntfy.example.org/hecnet\"; the value is not shown, as it may hold a token)" },
        { """{ "webhook": { "secret": "s" } }""", "'alerts.webhook.url': missing (e.g. \"https://ntfy.example.org/hecnet\")" },
        { """{ "ping": { "url": "https://hc-ping.com/u", "start": "yes" } }""", "'alerts.ping.start': 'yes' is not true or false" },
        { """{ "eml": { "minSeverity": "debug" } }""", "'alerts.eml.minSeverity': 'debug' is not one of info, warning, critical" },
        { """{ "retryInitial": "10m", "retryMax": "1m" }""", "'alerts.retryMax': '1m' must not be shorter than alerts.retryInitial ('10m')" },
        { """{ "smpt": {} }""", "'alerts.smpt': unknown key (expected one of: nodeName, warnAfter, retryInitial, retryMax, smtp, eml, webhook, ping)" },
        { """{ "smtp": { "host": "h", "to": ["a@b.c"], "pass": "hunter2" } }""", "'alerts.smtp.pass': unknown key (expected one of: host, security, port, user, password, from, to, caFile, timeout, minSeverity)" },
    };

    [Theory]
    [MemberData(nameof(OneProblem))]
    public void A_mistake_in_the_alerts_section_is_one_line_naming_the_key_and_never_the_secret(string alerts, string expected)
    {
        var path = _dir.Write("config.json", $$"""{ "dataDir": "data", "alerts": {{alerts}} }""");

        var error = Assert.Throws<HecnetJobsException>(() => ConfigLoader.Load(path));

        Assert.Equal($"{path}: {expected}", error.Message);
        Assert.Equal(78, error.ExitCode);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    private HecnetJobsOptions Load(string json) => ConfigLoader.Load(_dir.Write("config.json", json));
}
