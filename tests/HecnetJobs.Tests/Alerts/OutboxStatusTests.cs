using HecnetJobs.Alerts;
using HecnetJobs.Scheduling;
using HecnetJobs.Status;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace HecnetJobs.Tests.Alerts;

/// <summary>The status file's outbox section: queue, oldest age, per-channel errors, and the warning after <c>alerts.warnAfter</c>.</summary>
public sealed class OutboxStatusTests : IDisposable
{
    private readonly OutboxHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task A_channel_failing_longer_than_warn_after_is_a_warning_with_its_error_and_the_queue_is_shown()
    {
        var alerts = OutboxHarness.Options(eml: new EmlOptions { Folder = "/proc/hecnetjobs-cannot-write-here" });
        var outbox = _h.Outbox(alerts);
        _h.Raise("link MIM down", source: "link-probe");
        await outbox.DeliverDueAsync(CancellationToken.None);
        using var publisher = Publisher(alerts);

        _h.Time.Advance(TimeSpan.FromMinutes(59));
        var early = publisher.Build(new Dictionary<string, DateTimeOffset>());
        _h.Time.Advance(TimeSpan.FromMinutes(2));
        var late = publisher.Build(new Dictionary<string, DateTimeOffset>());

        // Only the outbox's own lines: the host's real load or disk may add vitals warnings on a busy machine.
        Assert.DoesNotContain(early.Problems, p => p.StartsWith("alerts:", StringComparison.Ordinal));
        Assert.Equal(1, late.Outbox.Queued);
        Assert.Equal(OutboxHarness.Start, late.Outbox.OldestQueuedAt);
        Assert.Equal(61 * 60, late.Outbox.OldestQueuedAgeSeconds);
        var channel = late.Outbox.Channels["eml"];
        Assert.Equal(1, channel.Queued);
        Assert.Equal(OutboxHarness.Start, channel.FailingSince);
        Assert.Equal(OutboxHarness.Start + TimeSpan.FromSeconds(30), channel.NextAttemptAt);
        Assert.StartsWith("cannot write /proc/hecnetjobs-cannot-write-here/", channel.LastError, StringComparison.Ordinal);
        Assert.NotEqual(StatusStates.Ok, late.State);
        Assert.Equal($"alerts: eml failing since 2026-11-23 03:12 (1 queued): {channel.LastError}", Assert.Single(late.Problems, p => p.StartsWith("alerts:", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_working_channel_shows_its_last_delivery_and_nothing_queued()
    {
        var alerts = OutboxHarness.Options(eml: _h.Eml());
        _h.Raise("PyDECnet restarted (crash)");
        await _h.Outbox(alerts).DeliverDueAsync(CancellationToken.None);
        using var publisher = Publisher(alerts);

        var document = publisher.Build(new Dictionary<string, DateTimeOffset>());

        Assert.Equal(0, document.Outbox.Queued);
        Assert.Null(document.Outbox.OldestQueuedAt);
        Assert.Null(document.Outbox.OldestQueuedAgeSeconds);
        var channel = document.Outbox.Channels["eml"];
        Assert.Equal(OutboxHarness.Start, channel.LastSentAt);
        Assert.Null(channel.LastError);
        Assert.Null(channel.FailingSince);
        Assert.DoesNotContain(document.Problems, p => p.StartsWith("alerts:", StringComparison.Ordinal));
    }

    private StatusPublisher Publisher(AlertsOptions alerts) =>
        new(TestOptions.In(_h.Db.Dir.Path, alerts: alerts), new JobRunStore(_h.Db.Database), _h.Time, NullLoggerFactory.Instance, "daemon")
        {
            Schedule = new JobSchedule([], true),
        };
}
