using HecnetJobs.Jobs;
using HecnetJobs.Pydecnet;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The debounce as a pure function: checks 2 minutes apart on a fake clock, signals counted.</summary>
public sealed class LinkPolicyTests
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 4, 0, 0, TimeSpan.Zero));
    private readonly List<LinkSignal> _signals = [];
    private LinkState _state = LinkState.Initial("MIM");

    [Fact]
    public void Flapping_up_down_up_inside_the_debounce_window_raises_no_alert()
    {
        Checks(LinkVerdict.Up, LinkVerdict.Up);
        _signals.Clear();

        Checks(LinkVerdict.Down, LinkVerdict.Up, LinkVerdict.Down, LinkVerdict.Up, LinkVerdict.Down, LinkVerdict.Up, LinkVerdict.Up);

        Assert.Empty(_signals);
        Assert.Equal(LinkStates.Up, _state.State);
    }

    [Fact]
    public void A_real_outage_raises_exactly_one_down_and_one_up()
    {
        Checks(LinkVerdict.Up, LinkVerdict.Up);

        Checks(LinkVerdict.Down, LinkVerdict.Down, LinkVerdict.Down, LinkVerdict.Down, LinkVerdict.Up, LinkVerdict.Down, LinkVerdict.Up, LinkVerdict.Up, LinkVerdict.Up);

        Assert.Equal([LinkSignalKind.FirstUp, LinkSignalKind.Down, LinkSignalKind.Up], _signals.Select(s => s.Kind));
    }

    [Fact]
    public void A_link_is_declared_down_at_the_second_down_check_with_since_at_the_first()
    {
        Checks(LinkVerdict.Up, LinkVerdict.Up);
        var firstDown = _time.GetUtcNow() + Every;

        Checks(LinkVerdict.Down);
        Assert.Equal(LinkStates.Up, _state.State);
        Checks(LinkVerdict.Down);

        Assert.Equal(LinkStates.Down, _state.State);
        Assert.Equal(firstDown, _state.Since);
        Assert.Equal(_time.GetUtcNow(), _state.LastChange);
        Assert.Equal(LinkSignalKind.Down, _signals[^1].Kind);
    }

    [Fact]
    public void The_up_signal_says_how_long_the_link_was_down_from_first_down_check_to_first_up_check()
    {
        Checks(LinkVerdict.Up, LinkVerdict.Up);
        Checks(Enumerable.Repeat(LinkVerdict.Down, 18).ToArray());

        Checks(LinkVerdict.Up, LinkVerdict.Up);

        var up = Assert.Single(_signals, s => s.Kind == LinkSignalKind.Up);
        Assert.Equal(TimeSpan.FromMinutes(36), up.Lasted);
        Assert.Equal(LinkStates.Down, up.Before.State);
    }

    [Fact]
    public void The_down_signal_says_how_long_the_link_had_been_up()
    {
        Checks(LinkVerdict.Up, LinkVerdict.Up, LinkVerdict.Up, LinkVerdict.Up);

        Checks(LinkVerdict.Down, LinkVerdict.Down);

        Assert.Equal(TimeSpan.FromMinutes(8), Assert.Single(_signals, s => s.Kind == LinkSignalKind.Down).Lasted);
    }

    [Fact]
    public void Unknown_checks_never_flip_an_up_link()
    {
        Checks(LinkVerdict.Up, LinkVerdict.Up);
        _signals.Clear();

        Checks(Enumerable.Repeat(LinkVerdict.Unknown, 10).ToArray());

        Assert.Equal(LinkStates.Up, _state.State);
        Assert.Equal(LinkStates.Unknown, _state.Shown);
        Assert.DoesNotContain(_signals, s => s.Kind is LinkSignalKind.Down or LinkSignalKind.Up);
    }

    [Fact]
    public void Unknown_checks_never_flip_a_down_link_nor_confirm_a_link_never_seen()
    {
        Checks(LinkVerdict.Unknown, LinkVerdict.Unknown, LinkVerdict.Unknown);
        Assert.Equal(LinkStates.Unknown, _state.State);
        Checks(LinkVerdict.Down, LinkVerdict.Down);

        Checks(Enumerable.Repeat(LinkVerdict.Unknown, 10).ToArray());

        Assert.Equal(LinkStates.Down, _state.State);
        Assert.Equal([LinkSignalKind.Down], _signals.Select(s => s.Kind));
    }

    [Fact]
    public void Unknown_checks_neither_count_toward_nor_break_a_run_of_down_checks()
    {
        Checks(LinkVerdict.Up, LinkVerdict.Up);

        Checks(LinkVerdict.Down, LinkVerdict.Unknown, LinkVerdict.Unknown);
        Assert.Equal(LinkStates.Up, _state.State);
        Checks(LinkVerdict.Down);

        Assert.Equal(LinkStates.Down, _state.State);
    }

    [Fact]
    public void The_first_confirmed_up_is_recorded_without_an_alert_signal()
    {
        Checks(LinkVerdict.Up);
        Assert.Empty(_signals);

        Checks(LinkVerdict.Up);

        Assert.Equal(LinkSignalKind.FirstUp, Assert.Single(_signals).Kind);
        Assert.Null(_signals[0].Lasted);
    }

    [Fact]
    public void A_link_still_down_gets_a_reminder_every_remind_interval_and_no_more()
    {
        var options = new LinkProbeOptions { RemindEvery = TimeSpan.FromHours(1) };
        Checks(options, LinkVerdict.Up, LinkVerdict.Up, LinkVerdict.Down, LinkVerdict.Down);

        // 2 h 30 min of down checks after the confirmation: reminders at 1 h and 2 h.
        Checks(options, Enumerable.Repeat(LinkVerdict.Down, 75).ToArray());

        var reminders = _signals.Where(s => s.Kind == LinkSignalKind.StillDown).ToList();
        Assert.Equal([TimeSpan.FromMinutes(62), TimeSpan.FromMinutes(122)], reminders.Select(r => r.Lasted));
    }

    [Fact]
    public void Reminders_off_means_none()
    {
        var options = new LinkProbeOptions { RemindEvery = null };

        Checks(options, Enumerable.Repeat(LinkVerdict.Down, 500).ToArray());

        Assert.Equal([LinkSignalKind.Down], _signals.Select(s => s.Kind));
    }

    [Fact]
    public void Unknown_for_longer_than_allowed_raises_one_signal_and_the_next_known_check_closes_it()
    {
        Checks(LinkVerdict.Up, LinkVerdict.Up);
        _signals.Clear();

        // 30 min after the first unknown check is the 16th check: one signal, however long it lasts.
        Checks(Enumerable.Repeat(LinkVerdict.Unknown, 40).ToArray());
        Checks(LinkVerdict.Up);

        Assert.Equal([LinkSignalKind.UnknownTooLong, LinkSignalKind.KnownAgain], _signals.Select(s => s.Kind));
        Assert.Equal(TimeSpan.FromMinutes(30), _signals[0].Lasted);
        Assert.Equal(TimeSpan.FromMinutes(80), _signals[1].Lasted);
        Assert.Null(_state.UnknownSince);
    }

    [Fact]
    public void A_short_unknown_stretch_raises_nothing()
    {
        Checks(LinkVerdict.Up, LinkVerdict.Up);
        _signals.Clear();

        Checks(Enumerable.Repeat(LinkVerdict.Unknown, 14).ToArray());
        Checks(LinkVerdict.Up);

        Assert.Empty(_signals);
        Assert.False(_state.UnknownAlerted);
    }

    [Fact]
    public void With_down_after_1_the_first_down_check_declares_the_link_down()
    {
        var options = new LinkProbeOptions { DownAfter = 1, UpAfter = 3 };

        Checks(options, LinkVerdict.Down, LinkVerdict.Up, LinkVerdict.Up, LinkVerdict.Down, LinkVerdict.Up, LinkVerdict.Up, LinkVerdict.Up);

        Assert.Equal([LinkSignalKind.Down, LinkSignalKind.Up], _signals.Select(s => s.Kind));
    }

    private void Checks(params LinkVerdict[] verdicts) => Checks(new LinkProbeOptions(), verdicts);

    /// <summary>One check per verdict, each <see cref="Every"/> after the previous one.</summary>
    private void Checks(LinkProbeOptions options, params LinkVerdict[] verdicts)
    {
        foreach (var verdict in verdicts)
        {
            _time.Advance(Every);
            var step = LinkPolicy.Apply(_state, verdict, $"check said {verdict}", _time.GetUtcNow(), options);
            _state = step.Next;
            _signals.AddRange(step.Signals);
        }
    }
}
