using Microsoft.Extensions.Logging;

namespace HecnetJobs.Alerts;

/// <summary>Log messages of the alerts area, event ids 7xx. Changes of state only: a channel that keeps failing the same way is logged once. No message carries a secret.</summary>
internal static partial class AlertsLog
{
    [LoggerMessage(700, LogLevel.Information, "Sent {Count} alert(s) through {Channel} as {MessageId}: {Reply}")]
    public static partial void Sent(ILogger logger, int count, string channel, string messageId, string reply);

    [LoggerMessage(701, LogLevel.Warning, "{Channel} ({Target}) failed, {Count} alert(s) stay queued, next attempt in {Delay}: {Error}")]
    public static partial void DeliveryFailed(ILogger logger, string channel, string target, int count, string delay, string error);

    [LoggerMessage(702, LogLevel.Information, "{Channel} works again after {Attempts} failed attempt(s)")]
    public static partial void ChannelRecovered(ILogger logger, string channel, int attempts);

    [LoggerMessage(703, LogLevel.Warning, "Resending {Count} alert(s) through {Channel} as {MessageId}: HecnetJobs stopped before it knew whether they were delivered")]
    public static partial void Resending(ILogger logger, int count, string channel, string messageId);

    [LoggerMessage(704, LogLevel.Warning, "Dead man's switch: ping to {Target} failed: {Error}")]
    public static partial void PingFailed(ILogger logger, string target, string error);

    [LoggerMessage(705, LogLevel.Information, "Dead man's switch: ping to {Target} works again")]
    public static partial void PingRecovered(ILogger logger, string target);

    [LoggerMessage(706, LogLevel.Debug, "{Channel} still failing (attempt {Attempt}), next attempt in {Delay}: {Error}")]
    public static partial void StillFailing(ILogger logger, string channel, int attempt, string delay, string error);

    [LoggerMessage(707, LogLevel.Error, "{Channel} failed with an internal error; the alerts stay queued")]
    public static partial void ChannelCrashed(ILogger logger, string channel, Exception exception);
}
