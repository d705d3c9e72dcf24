using HecnetJobs.Store;

namespace HecnetJobs.Alerts;

/// <summary>One message to send through a channel: one alert, or many coalesced, or a test.</summary>
/// <param name="MessageId">Derived from the alerts it holds, so a resend after a crash carries the same id (without angle brackets).</param>
/// <param name="Severity">The most severe alert's severity.</param>
/// <param name="CreatedAt">When the message was composed (the Date header).</param>
public sealed record AlertMessage(
    string MessageId,
    string NodeName,
    string Subject,
    string Text,
    string Html,
    string Severity,
    DateTimeOffset CreatedAt,
    IReadOnlyList<QueuedAlert> Alerts);
