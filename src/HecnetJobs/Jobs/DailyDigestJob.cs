using HecnetJobs.Reports;
using HecnetJobs.Store;

namespace HecnetJobs.Jobs;

/// <summary>
/// Once a day (07:00 in the shipped jobs.xml): one message summarising the last 24 hours. It is written as an
/// <c>info</c> alert record of kind <c>digest</c>, so the outbox delivers it like any alert — retried, never lost, and
/// folded into one message with whatever else is queued. <c>trigger daily-digest --print</c> prints it instead.
/// </summary>
public sealed class DailyDigestJob(JobServices services) : IHecnetJob
{
    /// <summary>How far back a digest looks.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static readonly JobType Type = new(
        "daily-digest",
        "queues one message summarising the last 24 hours: PyDECnet uptime and restarts, link availability, name refreshes, pauses, alerts, failed runs",
        new Dictionary<string, Func<string, string?>>(),
        services => new DailyDigestJob(services));

    /// <summary>The digest for the 24 hours before now.</summary>
    public static Digest Build(JobServices services)
    {
        var now = services.Time.GetUtcNow();
        return new DigestBuilder(services.Database, services.Options.Alerts.NodeName, services.Time.LocalTimeZone).Build(now - Window, now);
    }

    public ValueTask<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var digest = Build(services);
        new AlertStore(services.Database).Add(new AlertRecord(services.Time.GetUtcNow(), context.JobName, DigestBuilder.AlertKind, "info", digest.Subject, digest.Text));
        return ValueTask.FromResult(JobOutcome.Success($"queued: {digest.Subject}"));
    }
}
