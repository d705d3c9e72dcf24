using HecnetJobs.Alerts;
using HecnetJobs.Store;

namespace HecnetJobs.Tests.Alerts;

/// <summary>The outbox with the .eml channel: what one message looks like, coalescing, and the crash rules of the Message-Id.</summary>
public sealed class OutboxTests : IDisposable
{
    private readonly OutboxHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task A_queued_alert_becomes_one_eml_file_with_a_subject_for_a_phone_and_a_message_id_from_the_alert()
    {
        _h.Raise("PyDECnet restarted (crash)", body: "PyDECnet was restarted: crash: PID 4242 exited.");
        var outbox = _h.Outbox(OutboxHarness.Options(eml: _h.Eml()));

        Assert.Equal(1, await outbox.DeliverDueAsync(CancellationToken.None));

        var mail = Assert.Single(_h.Mails());
        Assert.Equal("[HECnet SAMPLE] PyDECnet restarted (crash) 03:12", mail.Subject);
        Assert.Equal("alert-1.20261123T031200000Z@sample.hecnetjobs.invalid", mail.MessageId);
        Assert.Equal("1", mail.Headers["X-Hecnetjobs-Alerts"]);
        Assert.StartsWith("PyDECnet restarted (crash), at 03:12 on HECnet node SAMPLE.\n\nPyDECnet was restarted: crash: PID 4242 exited.\n", mail.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("<pre>PyDECnet was restarted: crash: PID 4242 exited.</pre>", mail.HtmlBody);
        Assert.Equal("sent", _h.Scalar("SELECT state FROM hj_deliveries WHERE alert_id = 1 AND channel = 'eml';"));
        Assert.Equal(0, await outbox.DeliverDueAsync(CancellationToken.None));
        Assert.Single(_h.Mails());
    }

    [Fact(Timeout = 30_000)]
    public async Task The_daemon_loop_delivers_an_alert_raised_while_it_runs_at_its_next_tick()
    {
        var outbox = _h.Outbox(OutboxHarness.Options(eml: _h.Eml()));
        using var stop = new CancellationTokenSource();
        var loop = outbox.RunAsync(stop.Token);
        _h.Raise("PyDECnet restarted (crash)");

        // The first pass ran at start (before the alert); the fake clock is the only thing that brings the next one.
        await Support.Poll.UntilAsync(() => { _h.Time.Advance(AlertOutbox.PollInterval); return _h.Mails().Count == 1; }, "the alert delivered by the loop");
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
        Assert.Equal("[HECnet SAMPLE] PyDECnet restarted (crash) 03:12", Assert.Single(_h.Mails()).Subject);
    }

    [Fact(Timeout = 30_000)]
    public async Task Fifty_alerts_queued_during_an_outage_go_out_as_one_message_listing_them_in_order_with_their_times()
    {
        var outbox = _h.Outbox(OutboxHarness.Options(eml: _h.Eml()));
        await outbox.DeliverDueAsync(CancellationToken.None);
        for (var i = 0; i < 50; i++)
            _h.Raise($"alert number {i}", at: OutboxHarness.Start + TimeSpan.FromMinutes(i));
        _h.Time.Advance(TimeSpan.FromHours(2));

        await outbox.DeliverDueAsync(CancellationToken.None);

        var mail = Assert.Single(_h.Mails());
        Assert.Equal("[HECnet SAMPLE] 50 alerts 03:12-04:01: alert number 0", mail.Subject);
        var text = mail.TextBody!.ReplaceLineEndings("\n");
        Assert.StartsWith("50 alerts on HECnet node SAMPLE, oldest first:\n\n  03:12  warning   alert number 0\n  03:13  warning   alert number 1\n", text);
        Assert.Contains("  04:01  warning   alert number 49\n\nSent late, at 05:12: the oldest alert waited 2 h, while the alert path or HecnetJobs was down.\n", text);
        var positions = Enumerable.Range(0, 50).Select(i => text.IndexOf($"   alert number {i}\n", StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal("50", _h.Scalar("SELECT count(*) FROM hj_deliveries WHERE state = 'sent' AND message_id = 'alert-1-50.50.20261123T031200000Z@sample.hecnetjobs.invalid';"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_down_and_up_pair_that_both_queued_is_reported_as_was_down_from_to()
    {
        var outbox = _h.Outbox(OutboxHarness.Options(eml: _h.Eml()));
        await outbox.DeliverDueAsync(CancellationToken.None);
        _h.Raise("link MIM down", source: "link-probe", at: OutboxHarness.Start + TimeSpan.FromMinutes(50));
        _h.Raise("link MIM up", AlertSeverity.Info, source: "link-probe", at: OutboxHarness.Start + TimeSpan.FromMinutes(85));
        _h.Time.Advance(TimeSpan.FromMinutes(90));

        await outbox.DeliverDueAsync(CancellationToken.None);

        var mail = Assert.Single(_h.Mails());
        Assert.Equal("[HECnet SAMPLE] link MIM was down from 04:02 to 04:37 (35 min)", mail.Subject);
        Assert.StartsWith("2 alerts on HECnet node SAMPLE, oldest first:\n\n  04:02  warning   link MIM was down from 04:02 to 04:37 (35 min)\n\n", mail.TextBody!.ReplaceLineEndings("\n"));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_up_alert_sent_on_its_own_says_how_long_the_link_was_down()
    {
        var outbox = _h.Outbox(OutboxHarness.Options(eml: _h.Eml()));
        _h.Raise("link MIM down", source: "link-probe");
        await outbox.DeliverDueAsync(CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromMinutes(35));
        _h.Raise("link MIM up", AlertSeverity.Info, source: "link-probe");

        await outbox.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(["[HECnet SAMPLE] link MIM down 03:12", "[HECnet SAMPLE] link MIM up 03:47, was down 35 min"], _h.Mails().Select(m => m.Subject));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_message_repeated_after_a_crash_between_sending_and_marking_carries_the_same_message_id_and_replaces_its_file()
    {
        _h.Raise("PyDECnet restarted (crash)");
        var options = OutboxHarness.Options(eml: _h.Eml());
        await _h.Outbox(options).DeliverDueAsync(CancellationToken.None);
        var first = Assert.Single(_h.Mails()).MessageId;
        // As if HecnetJobs died after the send, before the mark: the row is queued with the id written before sending.
        _h.Db.Execute($"UPDATE hj_deliveries SET state = 'queued', sent_at = NULL, message_id = '{first}';");
        _h.Raise("link MIM down", source: "link-probe");
        _h.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(2, await _h.Outbox(options).DeliverDueAsync(CancellationToken.None));

        var mails = _h.Mails();
        Assert.Equal(2, mails.Count);
        Assert.Single(mails, m => m.MessageId == first && m.Subject == "[HECnet SAMPLE] PyDECnet restarted (crash) 03:12");
        Assert.Single(mails, m => m.Subject == "[HECnet SAMPLE] link MIM down 03:12");
        Assert.Contains(_h.Logs.Lines, l => l == $"Warning: Resending 1 alert(s) through eml as {first}: HecnetJobs stopped before it knew whether they were delivered");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_new_channel_gets_alerts_of_the_last_15_minutes_and_none_older()
    {
        _h.Raise("old news", at: OutboxHarness.Start - TimeSpan.FromHours(3));
        _h.Raise("recent", at: OutboxHarness.Start - TimeSpan.FromMinutes(10));

        await _h.Outbox(OutboxHarness.Options(eml: _h.Eml())).DeliverDueAsync(CancellationToken.None);

        Assert.Equal(["[HECnet SAMPLE] recent 03:02"], _h.Mails().Select(m => m.Subject));
        Assert.Equal("1", _h.Scalar("SELECT count(*) FROM hj_deliveries;"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Alerts_below_a_channels_minimum_severity_are_not_queued_for_it()
    {
        _h.Raise("PyDECnet started (was not running)", AlertSeverity.Info);
        _h.Raise("PyDECnet down: start failed (exited)", AlertSeverity.Critical);

        await _h.Outbox(OutboxHarness.Options(eml: _h.Eml(AlertSeverity.Warning))).DeliverDueAsync(CancellationToken.None);

        var mail = Assert.Single(_h.Mails());
        Assert.Equal("[HECnet SAMPLE] PyDECnet down: start failed (exited) 03:12", mail.Subject);
        Assert.Equal(MimeKit.MessageImportance.High, mail.Importance);
    }

    [Fact(Timeout = 30_000)]
    public async Task Alerts_raised_while_no_lock_holder_runs_are_queued_by_the_next_outbox_exactly_once()
    {
        var options = OutboxHarness.Options(eml: _h.Eml());
        await _h.Outbox(options).DeliverDueAsync(CancellationToken.None);
        _h.Raise("PyDECnet restarted (crash)");

        await _h.Outbox(options).DeliverDueAsync(CancellationToken.None);
        await _h.Outbox(options).DeliverDueAsync(CancellationToken.None);

        Assert.Single(_h.Mails());
        Assert.Equal("1", _h.Scalar("SELECT count(*) FROM hj_deliveries;"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_channel_removed_from_the_config_fails_what_it_had_queued_and_no_longer_counts()
    {
        _h.Raise("PyDECnet restarted (crash)");
        var failing = OutboxHarness.Options(eml: new EmlOptions { Folder = "/proc/hecnetjobs-cannot-write-here" });
        await _h.Outbox(failing).DeliverDueAsync(CancellationToken.None);
        Assert.Equal((1, (DateTimeOffset?)OutboxHarness.Start), _h.Store.QueuedSummary());

        await _h.Outbox(OutboxHarness.Options()).DeliverDueAsync(CancellationToken.None);

        Assert.Equal("failed|channel removed from the config", _h.Scalar("SELECT state || '|' || last_error FROM hj_deliveries;"));
        Assert.Equal((0, (DateTimeOffset?)null), _h.Store.QueuedSummary());
        Assert.Empty(_h.Store.Channels());
    }
}
