using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HecnetJobs.Alerts;
using MimeKit;

namespace HecnetJobs.Config;

/// <summary>The <c>alerts</c> section: node name, retries and the channels. Secrets may come from the environment instead of the file.</summary>
public static partial class ConfigLoader
{
    /// <summary>Overrides <c>alerts.smtp.password</c>, so the password need not sit in the config file.</summary>
    public const string SmtpPasswordVariable = "HECNETJOBS_SMTP_PASSWORD";

    /// <summary>Overrides <c>alerts.webhook.secret</c>.</summary>
    public const string WebhookSecretVariable = "HECNETJOBS_WEBHOOK_SECRET";

    private static AlertsOptions ReadAlerts(JsonSection section, string baseDir, string dataDir, ConfigErrors errors)
    {
        var errorsBefore = errors.Lines.Count;
        var nodeName = section.String("nodeName", example: "\"SAMPLE\"") ?? Environment.MachineName.ToUpperInvariant();
        var warnAfter = section.Duration("warnAfter", TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        var retryInitial = section.Duration("retryInitial", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var retryMax = section.Duration("retryMax", TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (errors.Lines.Count == errorsBefore && retryMax < retryInitial)
            section.Error("retryMax", $"'{Duration.Format(retryMax)}' must not be shorter than alerts.retryInitial ('{Duration.Format(retryInitial)}')");

        var smtpSection = section.Section("smtp");
        var smtp = smtpSection.IsEmpty ? null : ReadSmtp(smtpSection, baseDir, errors);
        smtpSection.Finish();
        var emlSection = section.Section("eml");
        var eml = ReadEml(emlSection, baseDir, dataDir, defaultOn: smtpSection.IsEmpty);
        emlSection.Finish();
        var webhookSection = section.Section("webhook");
        var webhook = webhookSection.IsEmpty ? null : ReadWebhook(webhookSection, errors);
        webhookSection.Finish();
        var pingSection = section.Section("ping");
        var ping = pingSection.IsEmpty ? null : ReadPing(pingSection, errors);
        pingSection.Finish();
        section.Finish();
        return new AlertsOptions
        {
            NodeName = nodeName,
            WarnAfter = warnAfter,
            RetryInitial = retryInitial,
            RetryMax = retryMax,
            Eml = eml,
            Smtp = smtp,
            Webhook = webhook,
            Ping = ping,
        };
    }

    private static EmlOptions? ReadEml(JsonSection section, string baseDir, string dataDir, bool defaultOn)
    {
        var enabled = section.Bool("enabled", defaultOn);
        var folder = Absolute(baseDir, section.String("folder")) ?? Path.Combine(dataDir, "mail");
        var minSeverity = section.Choice("minSeverity", AlertSeverity.Info, AlertSeverity.All);
        return enabled ? new EmlOptions { Folder = folder, MinSeverity = minSeverity } : null;
    }

    private static SmtpOptions? ReadSmtp(JsonSection section, string baseDir, ConfigErrors errors)
    {
        var host = section.String("host", required: true, example: "\"smtp.gmail.com\"");
        var security = section.Choice("security", SmtpSecurity.StartTls, SmtpSecurity.All);
        var port = section.Int("port", SmtpSecurity.DefaultPort(security), 1, 65535);
        var user = section.String("user", example: "\"you@gmail.com\"");
        var errorsBefore = errors.Lines.Count;
        var filePassword = section.SecretString("password");
        var passwordUnreadable = errors.Lines.Count > errorsBefore;
        var password = NonEmpty(Environment.GetEnvironmentVariable(SmtpPasswordVariable)) ?? filePassword;
        var from = section.String("from", example: "\"hecnetjobs@example.org\"");
        var to = section.StringList("to", example: "[\"you@example.org\"]");
        var caFile = Absolute(baseDir, section.String("caFile", example: "\"/etc/ssl/my-ca.pem\""));
        var timeout = section.Duration("timeout", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        var minSeverity = section.Choice("minSeverity", AlertSeverity.Info, AlertSeverity.All);

        if (to is null)
            section.Error("to", "missing (e.g. [\"you@example.org\"])");
        else if (to.Count == 0)
            section.Error("to", "is empty; name at least one recipient (e.g. [\"you@example.org\"])");
        foreach (var address in to ?? [])
        {
            if (!IsMailAddress(address))
                section.Error("to", $"'{address}' is not a mail address (e.g. \"you@example.org\")");
        }
        if (from is not null && !IsMailAddress(from))
            section.Error("from", $"'{from}' is not a mail address (e.g. \"hecnetjobs@example.org\")");
        if (user is not null && password is null && !passwordUnreadable)
            section.Error("password", $"missing for user '{user}'; set it here or in ${SmtpPasswordVariable} (Gmail needs an app password)");
        if (user is null && filePassword is not null)
            section.Error("password", "is set but alerts.smtp.user is missing; give both or neither");
        if (user is not null && host is not null && security == SmtpSecurity.None && !IsLoopback(host))
            section.Error("security", $"'none' would send the password of '{user}' unencrypted to {host}; use \"starttls\" or \"tls\"");
        if (caFile is not null && CaFileProblem(caFile) is { } problem)
            section.Error("caFile", $"'{caFile}' {problem}");
        if (host is null || to is null)
            return null;
        return new SmtpOptions
        {
            Host = host,
            Port = port,
            Security = security,
            User = user,
            Password = user is null || password is null ? null : new Secret(password),
            From = from ?? (user is not null && IsMailAddress(user) ? user : $"hecnetjobs@{Environment.MachineName.ToLowerInvariant()}"),
            To = to,
            CaFile = caFile,
            Timeout = timeout,
            MinSeverity = minSeverity,
        };
    }

    private static WebhookOptions? ReadWebhook(JsonSection section, ConfigErrors errors)
    {
        var url = HttpUrl(section, "url", "\"https://ntfy.example.org/hecnet\"", errors);
        var secret = NonEmpty(Environment.GetEnvironmentVariable(WebhookSecretVariable)) ?? section.SecretString("secret");
        var timeout = section.Duration("timeout", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        var minSeverity = section.Choice("minSeverity", AlertSeverity.Info, AlertSeverity.All);
        return url is null ? null : new WebhookOptions { Url = url, Secret = secret is null ? null : new Secret(secret), Timeout = timeout, MinSeverity = minSeverity };
    }

    private static PingOptions? ReadPing(JsonSection section, ConfigErrors errors)
    {
        var url = HttpUrl(section, "url", "\"https://hc-ping.com/your-uuid\"", errors);
        var start = section.Bool("start", false);
        var timeout = section.Duration("timeout", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        return url is null ? null : new PingOptions { Url = url, Start = start, Timeout = timeout };
    }

    /// <summary>An absolute http(s) URL. The value is never echoed: such URLs often carry a token.</summary>
    private static Uri? HttpUrl(JsonSection section, string key, string example, ConfigErrors errors)
    {
        var errorsBefore = errors.Lines.Count;
        var text = section.SecretString(key);
        if (text is null)
        {
            if (errors.Lines.Count == errorsBefore)
                section.Error(key, $"missing (e.g. {example})");
            return null;
        }
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            return url;
        section.Error(key, $"is not an absolute http or https URL (e.g. {example}; the value is not shown, as it may hold a token)");
        return null;
    }

    internal static bool IsMailAddress(string text) =>
        MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@', StringComparison.Ordinal);

    internal static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static string? CaFileProblem(string path)
    {
        if (!File.Exists(path))
            return "does not exist (a PEM or DER certificate to trust)";
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
            return null;
        }
        catch (CryptographicException)
        {
            return "is not a PEM or DER certificate";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read ({Reason(e)})";
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
