using HecnetJobs.Alerts;
using HecnetJobs.Store;

namespace HecnetJobs.Status;

/// <summary>The outbox section: what is queued, and each channel's health. A channel failing longer than <c>alerts.warnAfter</c> is a warning.</summary>
public sealed partial class StatusPublisher
{
    private void AddOutbox(StatusDocument document)
    {
        var store = new OutboxStore(_runs.Database);
        var now = _time.GetUtcNow();
        var (queued, oldest) = store.QueuedSummary();
        var outbox = new OutboxStatus
        {
            Queued = queued,
            OldestQueuedAt = oldest,
            OldestQueuedAgeSeconds = oldest is { } o ? Math.Max(0, (long)(now - o).TotalSeconds) : null,
        };
        foreach (var channel in store.Channels())
        {
            outbox.Channels[channel.Name] = new OutboxChannelStatus
            {
                Queued = channel.Queued,
                LastSentAt = channel.LastSentAt,
                LastError = channel.LastError,
                LastErrorAt = channel.LastErrorAt,
                FailingSince = channel.FailingSince,
                NextAttemptAt = channel.FailingSince is null ? null : channel.RetryAt,
            };
            if (channel.FailingSince is { } since && now - since > _options.Alerts.WarnAfter)
            {
                document.Problems.Add(channel.Name == DeadMansSwitch.ChannelName
                    ? $"dead man's switch: pings failing since {Clock(since)}: {channel.LastError}"
                    : $"alerts: {channel.Name} failing since {Clock(since)} ({channel.Queued} queued): {channel.LastError}");
            }
        }
        document.Outbox = outbox;
    }
}
