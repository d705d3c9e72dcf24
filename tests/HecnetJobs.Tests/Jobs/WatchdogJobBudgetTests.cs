using System.Globalization;
using System.Runtime.Versioning;
using HecnetJobs.Jobs;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The restart budget with a PyDECnet that keeps dying: back-off with one alert, and <c>--reset</c> (WatchdogStore.Reset) lifting it.</summary>
[SupportedOSPlatform("linux")]
public sealed class WatchdogJobBudgetTests : IDisposable
{
    private const string TooOften = "PyDECnet restarting too often";
    private const string Clock = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d";

    private readonly SimNode _sim = new();
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(50));

    public WatchdogJobBudgetTests()
    {
        _sim.Watchdog = new WatchdogOptions { ProbeTimeout = TimeSpan.FromMilliseconds(300), RestartBurst = 2 };
    }

    public void Dispose()
    {
        _sim.Dispose();
        _deadline.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task With_a_burst_of_2_the_third_restart_waits_and_raises_one_too_often_alert_across_runs()
    {
        var crashed = await UseUpTheBudgetAsync();

        var third = await _sim.RunWatchdogAsync(_deadline.Token);
        var more = new[] { await _sim.RunWatchdogAsync(_deadline.Token), await _sim.RunWatchdogAsync(_deadline.Token) };

        var state = _sim.State!;
        var until = Local(state.BackoffUntil!.Value);
        Assert.False(third.Succeeded);
        Assert.Matches($@"^PID {crashed} exited; restarting too often \(2 attempts since {Clock}\), next attempt at {until}$", third.Summary);
        Assert.All(more, o => Assert.Matches($@"^PyDECnet is not running; restarting too often \(2 attempts since {Clock}\), next attempt at {until}$", o.Summary));
        Assert.Equal((PydecnetStates.BackingOff, true, 0, null), (state.State, state.BudgetAlerted, state.BackoffLevel, state.Pid));
        Assert.Equal(state.LastRestartAt + TimeSpan.FromMinutes(2), state.BackoffUntil);
        Assert.Single(_sim.AlertSubjects(), s => s == TooOften);
        Assert.Single(_sim.Events(WatchdogEvents.Backoff));
        Assert.Equal(2, _sim.Events(WatchdogEvents.Restart).Count);
        Assert.Empty(_sim.Simulators());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_too_often_alert_lists_the_attempts_and_says_how_to_clear_the_wait()
    {
        await UseUpTheBudgetAsync();

        await _sim.RunWatchdogAsync(_deadline.Token);

        var body = new HecnetJobs.Store.AlertStore(_sim.Database).Since(DateTimeOffset.UnixEpoch).Single(a => a.Subject == TooOften).Body;
        Assert.StartsWith("PyDECnet needed 2 restart attempts within 30m.\n", body, StringComparison.Ordinal);
        Assert.Contains("Clear the wait with: hecnetjobs trigger watchdog --reset\n", body, StringComparison.Ordinal);
        Assert.Equal(2, body.Split('\n').Count(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(" restart: ", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reset_lets_the_watchdog_restart_at_once_and_alert_again()
    {
        await UseUpTheBudgetAsync();
        await _sim.RunWatchdogAsync(_deadline.Token);

        _sim.Store.Reset(SimNode.Job, TimeProvider.System.GetUtcNow());
        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Matches($@"^restarted PyDECnet \(still down\): PID {_sim.SimPid} answering after \d+ ms$", outcome.Summary);
        var state = _sim.State!;
        Assert.Equal((PydecnetStates.Running, false, null, 0), (state.State, state.BudgetAlerted, state.BackoffUntil, state.BackoffLevel));
        Assert.Single(_sim.Events(WatchdogEvents.Reset));
        Assert.Equal("PyDECnet restarted (still down)", _sim.AlertSubjects()[^1]);
    }

    /// <summary>Two restarts, each PyDECnet killed at once: the start and the crash restart. Returns the last PID killed.</summary>
    private async Task<int> UseUpTheBudgetAsync()
    {
        var pid = 0;
        for (var i = 0; i < 2; i++)
        {
            var outcome = await _sim.RunWatchdogAsync(_deadline.Token);
            Assert.True(outcome.Succeeded, outcome.Summary);
            pid = _sim.SimPid!.Value;
            await _sim.CrashAsync(pid);
        }
        return pid;
    }

    private static string Local(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
