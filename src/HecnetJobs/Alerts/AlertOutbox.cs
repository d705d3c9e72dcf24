using HecnetJobs.Config;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Alerts;

/// <summary>
/// Delivers queued alerts: four times a second in the daemon (<see cref="RunAsync"/>), once at the end of a one-shot run
/// (<see cref="DeliverDueAsync"/>). Each channel that is due gets everything queued for it as one message, so an outage
/// of the mail path ends in one message listing what happened, not fifty. A failed channel waits (capped exponential
/// back-off, kept in SQLite) and never gives up. Only the instance-lock holder runs an outbox.
/// </summary>
public sealed class AlertOutbox
{
    /// <summary>How often the daemon looks for new alerts and due retries; the look is one small query when there is nothing to do.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly AlertsOptions _options;
    private readonly OutboxStore _store;
    private readonly IReadOnlyList<IAlertChannel> _channels;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RetryBackoff _backoff;
    private readonly MessageComposer _composer;
    private bool _synced;
    private long _seenAlertId = -1;

    public AlertOutbox(HecnetJobsOptions options, Database database, TimeProvider time, ILoggerFactory loggerFactory)
        : this(options.Alerts, new OutboxStore(database), AlertChannels.Create(options.Alerts), time, loggerFactory.CreateLogger("HecnetJobs.Alerts"))
    {
    }

    internal AlertOutbox(AlertsOptions options, OutboxStore store, IReadOnlyList<IAlertChannel> channels, TimeProvider time, ILogger logger, RetryBackoff? backoff = null)
    {
        _options = options;
        _store = store;
        _channels = channels;
        _time = time;
        _logger = logger;
        _backoff = backoff ?? new RetryBackoff(options.RetryInitial, options.RetryMax);
        _composer = new MessageComposer(options.NodeName, time.LocalTimeZone, PreviousDown);
    }

    /// <summary>The daemon's loop: a pass now, then one every <see cref="PollInterval"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval, _time);
        do
        {
            await DeliverDueAsync(cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>Queues new alerts and sends to every channel that is due; returns how many messages went out.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (!_synced)
        {
            var names = _channels.Select(c => (c.Name, AlertSeverity.Rank(c.MinSeverity))).ToList();
            if (_options.Ping is not null)
                names.Add((DeadMansSwitch.ChannelName, OutboxStore.NoAlerts));
            _store.SyncChannels(names, now);
            _synced = true;
        }
        var newest = _store.NewestAlertId();
        if (newest != _seenAlertId)
        {
            _store.Enqueue(now);
            _seenAlertId = newest;
        }
        var sent = 0;
        foreach (var name in _store.DueChannels(now))
        {
            if (_channels.FirstOrDefault(c => c.Name == name) is { } channel)
                sent += await DeliverAsync(channel, cancellationToken);
        }
        return sent;
    }

    private async Task<int> DeliverAsync(IAlertChannel channel, CancellationToken cancellationToken)
    {
        var queued = _store.Queued(channel.Name);
        if (queued.Count == 0)
            return 0;
        // A message that may have gone out already (HecnetJobs stopped between sending and recording it) goes again
        // first, alone and with the same Message-Id, so a mail client folds the two.
        var resend = queued.FirstOrDefault(q => q.MessageId is not null)?.MessageId;
        var group = resend is null ? queued : [.. queued.Where(q => q.MessageId == resend)];
        var ids = group.Select(q => q.Id).ToList();
        var message = _composer.Compose(group, _time.GetUtcNow(), resend);
        if (resend is null)
            _store.MarkInFlight(channel.Name, ids, message.MessageId);
        else
            AlertsLog.Resending(_logger, group.Count, channel.Name, resend);

        var before = _store.Channels().FirstOrDefault(c => c.Name == channel.Name);
        string? error = null;
        try
        {
            var reply = await channel.SendAsync(message, cancellationToken);
            _store.MarkSent(channel.Name, ids, message.MessageId, _time.GetUtcNow());
            if (before is { Attempts: > 0 })
                AlertsLog.ChannelRecovered(_logger, channel.Name, before.Attempts);
            AlertsLog.Sent(_logger, group.Count, channel.Name, message.MessageId, reply);
        }
        catch (AlertDeliveryException e)
        {
            error = e.Message;
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // A bug in one channel must not stop the others or the daemon; the alerts stay queued and the log has the trace.
            error = $"internal error: {e.GetType().Name}: {e.Message} (see the log)";
            AlertsLog.ChannelCrashed(_logger, channel.Name, e);
        }
        if (error is null)
            return resend is null ? 1 : 1 + await DeliverAsync(channel, cancellationToken);

        var failures = (before?.Attempts ?? 0) + 1;
        var delay = _backoff.Delay(failures);
        var now = _time.GetUtcNow();
        _store.MarkFailed(channel.Name, ids, error, now, now + delay);
        if (before?.LastError == error && before.Attempts > 0)
            AlertsLog.StillFailing(_logger, channel.Name, failures, Duration.Format(Round(delay)), error);
        else
            AlertsLog.DeliveryFailed(_logger, channel.Name, channel.Target, group.Count, Duration.Format(Round(delay)), error);
        return 0;
    }

    /// <summary>For an "X up" alert: the "X down" alert before it in the history, so its message can say how long it was down.</summary>
    private AlertRecord? PreviousDown(QueuedAlert alert) =>
        _store.LatestBefore(alert.Alert.Source, alert.Alert.Subject[..^" up".Length] + " down", alert.Id);

    private static TimeSpan Round(TimeSpan span) => TimeSpan.FromSeconds(Math.Ceiling(span.TotalSeconds));
}
