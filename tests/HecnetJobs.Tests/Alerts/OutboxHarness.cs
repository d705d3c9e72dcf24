using HecnetJobs.Alerts;
using HecnetJobs.Store;
using HecnetJobs.Tests.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace HecnetJobs.Tests.Alerts;

/// <summary>A real database, a fake clock (UTC as local time) and helpers to raise alerts and build an outbox on them.</summary>
internal sealed class OutboxHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 3, 12, 0, TimeSpan.Zero);

    public TestDatabase Db { get; } = new();

    public FakeTimeProvider Time { get; } = new(Start);

    public ListLoggerFactory Logs { get; } = new();

    public OutboxStore Store => new(Db.Database);

    public string MailFolder => Db.Dir.File("mail");

    public static AlertsOptions Options(EmlOptions? eml = null, SmtpOptions? smtp = null, WebhookOptions? webhook = null) => new()
    {
        NodeName = "SAMPLE",
        RetryInitial = TimeSpan.FromSeconds(30),
        RetryMax = TimeSpan.FromMinutes(15),
        Eml = eml,
        Smtp = smtp,
        Webhook = webhook,
    };

    public EmlOptions Eml(string minSeverity = AlertSeverity.Info) => new() { Folder = MailFolder, MinSeverity = minSeverity };

    /// <summary>An outbox over the given options' channels, with no jitter so back-off times are exact.</summary>
    public AlertOutbox Outbox(AlertsOptions options) =>
        new(options, Store, AlertChannels.Create(options), Time, Logs.CreateLogger("test"), new RetryBackoff(options.RetryInitial, options.RetryMax, () => 0));

    /// <summary>Writes alerts as the jobs do (one transaction), at the fake clock's time unless given.</summary>
    public void Raise(string subject, string severity = AlertSeverity.Warning, string source = "watchdog", string? body = null, DateTimeOffset? at = null) =>
        new WatchdogStore(Db.Database).SaveEvents([], [new AlertRecord(at ?? Time.GetUtcNow(), source, "test", severity, subject, body ?? $"{subject}: details")]);

    /// <summary>The .eml files written so far, oldest name first.</summary>
    public IReadOnlyList<MimeMessage> Mails() =>
        Directory.Exists(MailFolder)
            ? [.. Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path))]
            : [];

    public string? Scalar(string sql) => Db.Scalar(sql)?.ToString();

    public void Dispose() => Db.Dispose();
}
