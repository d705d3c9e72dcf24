using HecnetJobs.Jobs;
using HecnetJobs.Pydecnet;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The watchdog's decisions as pure functions of observation, state and clock (no processes, no waiting).</summary>
public sealed class WatchdogPolicyTests
{
    private static readonly WatchdogOptions Options = new()
    {
        HangAfter = TimeSpan.FromMinutes(5),
        RestartBurst = 3,
        RestartWindow = TimeSpan.FromMinutes(30),
        BackoffInitial = TimeSpan.FromMinutes(2),
        BackoffMax = TimeSpan.FromMinutes(10),
    };

    private static readonly ApiProbeResult Answered = new(ApiAnswer.Answered, "API answered");
    private static readonly ApiProbeResult Silent = new(ApiAnswer.Timeout, "API socket accepted the connection but no reply within 5s");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 4, 0, 0, TimeSpan.Zero));

    private DateTimeOffset Now => _time.GetUtcNow();

    private WatchdogState Running(string? loop = null, DateTimeOffset? loopAt = null) =>
        new(PydecnetStates.Running, Now, Pid: 42, MainLoop: loop, MainLoopAt: loop is null ? null : loopAt ?? Now - TimeSpan.FromMinutes(2));

    private static Observation Seen(ApiProbeResult? api, MainLoopSample? loop = null) => new([42], null, api, loop);

    [Fact]
    public void No_process_is_down_and_says_why_the_pid_file_was_not_used()
    {
        var plain = WatchdogPolicy.Assess(new([], null, null, null), Running(), Now, Options);
        var noted = WatchdogPolicy.Assess(new([], "PID file /run/p.pid holds 'x', not a process number (ignored)", null, null), Running(), Now, Options);

        Assert.Equal(new Assessment(PydecnetStates.Down, "PyDECnet is not running", null, null), plain);
        Assert.Equal("PyDECnet is not running (PID file /run/p.pid holds 'x', not a process number (ignored))", noted.Detail);
    }

    [Fact]
    public void An_answering_process_is_running_and_forgets_an_earlier_silence()
    {
        var state = Running() with { State = PydecnetStates.NotAnswering, NotAnsweringSince = Now - TimeSpan.FromMinutes(1) };

        var assessment = WatchdogPolicy.Assess(Seen(Answered), state, Now, Options);

        Assert.Equal(new Assessment(PydecnetStates.Running, "running and answering", null, null), assessment);
    }

    [Fact]
    public void A_silent_process_is_not_answering_from_now_and_keeps_the_first_silence()
    {
        var first = WatchdogPolicy.Assess(Seen(Silent), Running(), Now, Options);
        var started = Now;
        _time.Advance(TimeSpan.FromMinutes(2));
        var second = WatchdogPolicy.Assess(Seen(Silent), Running() with { NotAnsweringSince = first.NotAnsweringSince }, Now, Options);

        Assert.Equal(new Assessment(PydecnetStates.NotAnswering, Silent.Detail, started, null), first);
        Assert.Equal(new Assessment(PydecnetStates.NotAnswering, Silent.Detail, started, null), second);
    }

    [Fact]
    public void A_process_silent_for_exactly_hang_after_is_hung()
    {
        var state = Running() with { NotAnsweringSince = Now };
        _time.Advance(Options.HangAfter - TimeSpan.FromMilliseconds(1));
        var before = WatchdogPolicy.Assess(Seen(Silent), state, Now, Options);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var at = WatchdogPolicy.Assess(Seen(Silent), state, Now, Options);

        Assert.Equal(PydecnetStates.NotAnswering, before.State);
        Assert.Equal(new Assessment(PydecnetStates.Hung, $"{Silent.Detail}; not answering for 5m", state.NotAnsweringSince, null), at);
    }

    [Fact]
    public void Main_loop_counters_that_did_not_move_for_the_gap_are_a_silence()
    {
        var assessment = WatchdogPolicy.Assess(Seen(Answered, new MainLoopSample("ABC", null)), Running("ABC", Now - TimeSpan.FromMinutes(2)), Now, Options);

        Assert.Equal(PydecnetStates.NotAnswering, assessment.State);
        Assert.Equal("the API answers but the main loop's counters (/stats/raw) did not move in 2m", assessment.Detail);
        Assert.Equal(Now - TimeSpan.FromMinutes(2), assessment.MainLoopAt);
    }

    [Fact]
    public void Equal_counters_a_moment_apart_are_no_verdict_and_keep_the_older_sample()
    {
        var assessment = WatchdogPolicy.Assess(Seen(Answered, new MainLoopSample("ABC", null)), Running("ABC", Now - TimeSpan.FromSeconds(3)), Now, Options);

        Assert.Equal(new Assessment(PydecnetStates.Running, "running and answering", null, "ABC", Now - TimeSpan.FromSeconds(3)), assessment);
    }

    [Fact]
    public void Moving_counters_are_running_and_remembered_for_the_next_check()
    {
        var assessment = WatchdogPolicy.Assess(Seen(Answered, new MainLoopSample("DEF", null)), Running("ABC"), Now, Options);

        Assert.Equal(new Assessment(PydecnetStates.Running, "running and answering", null, "DEF", Now), assessment);
    }

    [Theory]
    [InlineData(PydecnetStates.Unknown)]
    [InlineData(PydecnetStates.Down)]
    public void Equal_counters_right_after_a_start_are_not_yet_a_silence(string before)
    {
        var assessment = WatchdogPolicy.Assess(Seen(Answered, new MainLoopSample("ABC", null)), Running("ABC") with { State = before }, Now, Options);

        Assert.Equal(PydecnetStates.Running, assessment.State);
    }

    [Fact]
    public void An_http_monitor_that_fails_is_a_silence_and_the_last_fingerprint_is_kept()
    {
        var sample = new MainLoopSample(null, "HTTP monitor http://127.0.0.1:8000/stats/raw answered 500");

        var assessment = WatchdogPolicy.Assess(Seen(Answered, sample), Running("ABC"), Now, Options);

        Assert.Equal(new Assessment(PydecnetStates.NotAnswering, sample.Problem!, Now, "ABC", Now - TimeSpan.FromMinutes(2)), assessment);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 4)]
    [InlineData(2, 8)]
    [InlineData(3, 10)]
    [InlineData(40, 10)]
    public void The_backoff_doubles_per_level_up_to_the_maximum(int level, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), WatchdogPolicy.Backoff(level, Options));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1499, "1s")]
    [InlineData(1500, "2s")]
    [InlineData(130_000, "2m10s")]
    [InlineData(-5000, "0s")]
    public void Spans_are_shown_in_whole_seconds(int milliseconds, string text)
    {
        Assert.Equal(text, WatchdogPolicy.Whole(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Restarts_within_the_burst_are_allowed_at_once()
    {
        var decision = WatchdogPolicy.Budget(Running(), Options.RestartBurst - 1, Now, Options);

        Assert.Equal(new BudgetDecision(true, false, Running()), decision);
    }

    [Fact]
    public void The_restart_after_the_burst_waits_the_initial_backoff_from_the_last_restart_and_raises_the_alert_once()
    {
        var state = Running() with { LastRestartAt = Now - TimeSpan.FromSeconds(30) };

        var first = WatchdogPolicy.Budget(state, Options.RestartBurst, Now, Options);
        _time.Advance(TimeSpan.FromSeconds(60));
        var second = WatchdogPolicy.Budget(first.State, Options.RestartBurst, Now, Options);

        Assert.Equal((false, true), (first.Allowed, first.RaiseTooOften));
        Assert.Equal(state.LastRestartAt + TimeSpan.FromMinutes(2), first.State.BackoffUntil);
        Assert.True(first.State.BudgetAlerted);
        Assert.Equal(new BudgetDecision(false, false, first.State), second);
    }

    [Fact]
    public void After_the_backoff_one_restart_is_allowed_and_the_next_wait_doubles()
    {
        var waiting = Running() with { BackoffUntil = Now, BudgetAlerted = true };

        var decision = WatchdogPolicy.Budget(waiting, Options.RestartBurst + 2, Now, Options);

        Assert.Equal((true, false), (decision.Allowed, decision.RaiseTooOften));
        Assert.Equal((1, Now + TimeSpan.FromMinutes(4)), (decision.State.BackoffLevel, decision.State.BackoffUntil));
    }

    [Fact]
    public void Once_in_backoff_the_waits_go_on_even_after_the_window_empties()
    {
        var waiting = Running() with { BackoffLevel = 2, BackoffUntil = Now + TimeSpan.FromMinutes(1), BudgetAlerted = true };

        var decision = WatchdogPolicy.Budget(waiting, 0, Now, Options);

        Assert.False(decision.Allowed);
    }

    [Fact]
    public void Running_for_the_whole_window_since_the_last_restart_earns_a_fresh_budget()
    {
        var state = Running() with { BackoffLevel = 2, BackoffUntil = Now, BudgetAlerted = true, LastRestartAt = Now };
        _time.Advance(Options.RestartWindow - TimeSpan.FromSeconds(1));
        var early = WatchdogPolicy.ForgiveIfStable(state, Now, Options);
        _time.Advance(TimeSpan.FromSeconds(1));
        var forgiven = WatchdogPolicy.ForgiveIfStable(state, Now, Options);

        Assert.Same(state, early);
        Assert.Equal(state with { BackoffLevel = 0, BackoffUntil = null, BudgetAlerted = false }, forgiven);
    }

    [Fact]
    public void A_state_that_is_not_running_is_never_forgiven()
    {
        var state = Running() with { State = PydecnetStates.BackingOff, BackoffLevel = 1, LastRestartAt = Now - TimeSpan.FromDays(1) };

        Assert.Same(state, WatchdogPolicy.ForgiveIfStable(state, Now, Options));
    }
}
