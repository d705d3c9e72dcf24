using System.Runtime.Versioning;
using HecnetJobs.Jobs;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>A PyDECnet that runs but does not answer: not answering first, hung after watchdog.hangAfter, then stopped and restarted.</summary>
[SupportedOSPlatform("linux")]
public sealed class WatchdogJobHangTests : IDisposable
{
    private const int SIGSTOP = 19;
    private const int SIGCONT = 18;
    private const string ProbeSilence = "API socket accepted the connection but no reply within 300ms";
    private const string LoopSilence = @"the API answers but the main loop's counters \(/stats/raw\) did not move in \ds";

    private readonly SimNode _sim = new();
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(50));

    public void Dispose()
    {
        _sim.Dispose();
        _deadline.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stopped_pydecnet_is_first_not_answering_with_one_alert()
    {
        var pid = await StartAndStopAsync();

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.True(outcome.Succeeded);
        Assert.Equal($"PyDECnet PID {pid} not answering for 0s ({ProbeSilence}); hung after 1s", outcome.Summary);
        var state = _sim.State!;
        Assert.Equal((PydecnetStates.NotAnswering, pid, ProbeSilence), (state.State, state.Pid, state.Problem));
        Assert.NotNull(state.NotAnsweringSince);
        Assert.Equal($"running -> not-answering: {ProbeSilence}", _sim.Events()[^1].Detail);
        Assert.Equal(["PyDECnet started (was not running)", "PyDECnet not answering"], _sim.AlertSubjects());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stopped_pydecnet_is_hung_after_hang_after_and_is_stopped_with_sigterm_and_restarted()
    {
        var old = await StartAndStopAsync();

        var outcomes = await RunUntilRestartedAsync();

        var pid = _sim.SimPid!.Value;
        Assert.All(outcomes.SkipLast(1), o => Assert.Matches($@"^PyDECnet PID {old} not answering for \ds \(.+\); hung after 1s$", o.Summary));
        Assert.Matches($@"^restarted PyDECnet \(hung\): PID {pid} answering after \d+ ms$", outcomes[^1].Summary);
        Assert.Matches($@"^stopped PID {old} with SIGTERM in \d\.\d s$", Assert.Single(_sim.Events(WatchdogEvents.Stop)).Detail);
        Assert.Matches($@"^hung: .+; not answering for \ds$", _sim.State!.LastRestartReason);
        Assert.Equal((PydecnetStates.Running, pid), (_sim.State!.State, _sim.State.Pid));
        Assert.False(SimNode.IsAlive(old));
        Assert.True(SimNode.IsAlive(pid));
        Assert.Equal(["PyDECnet started (was not running)", "PyDECnet not answering", "PyDECnet restarted (hung)"], _sim.AlertSubjects());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_hung_pydecnet_that_ignores_sigterm_past_the_grace_is_killed_with_sigkill()
    {
        _sim.Control(new { termDelaySeconds = 20 });
        var old = await StartAndStopAsync();

        var outcomes = await RunUntilRestartedAsync();

        Assert.Matches(@"^restarted PyDECnet \(hung\): PID \d+ answering after \d+ ms$", outcomes[^1].Summary);
        Assert.Equal($"killed PID {old} with SIGKILL after 1.0 s of SIGTERM grace", Assert.Single(_sim.Events(WatchdogEvents.Stop)).Detail);
        Assert.False(SimNode.IsAlive(old));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_main_loop_that_stopped_while_the_api_answers_is_hung_when_the_http_monitor_is_configured()
    {
        _sim.WriteConfig(http: true);
        // The API keeps answering here; a generous probe timeout keeps a busy machine from turning that into a timeout.
        _sim.Watchdog = new WatchdogOptions
        {
            ProbeTimeout = TimeSpan.FromSeconds(5),
            HangAfter = TimeSpan.FromSeconds(1),
            MainLoopGap = TimeSpan.FromSeconds(1),
            StopGrace = TimeSpan.FromSeconds(1),
        };
        _sim.Control(new { termDelaySeconds = 0.2, mainLoopStuck = true });
        await _sim.RunWatchdogAsync(_deadline.Token);
        var old = _sim.SimPid!.Value;
        Assert.Equal($"PyDECnet running, PID {old}, answering", (await _sim.RunWatchdogAsync(_deadline.Token)).Summary);

        var outcomes = await RunUntilRestartedAsync();

        var silent = outcomes.First(o => !o.Summary.StartsWith("PyDECnet running", StringComparison.Ordinal));
        Assert.Matches($@"^PyDECnet PID {old} not answering for 0s \({LoopSilence}\); hung after 1s$", silent.Summary);
        Assert.Matches(@"^restarted PyDECnet \(hung\): PID \d+ answering after \d+ ms$", outcomes[^1].Summary);
        Assert.Matches($@"^hung: {LoopSilence}; not answering for \ds$", _sim.State!.LastRestartReason);
        Assert.Matches($@"^stopped PID {old} with SIGTERM in \d\.\d s$", Assert.Single(_sim.Events(WatchdogEvents.Stop)).Detail);
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_checks_of_a_healthy_pydecnet_with_http_monitor_in_quick_succession_are_not_a_silence()
    {
        _sim.WriteConfig(http: true);
        await _sim.RunWatchdogAsync(_deadline.Token);
        var pid = _sim.SimPid!.Value;

        var outcomes = new[] { await _sim.RunWatchdogAsync(_deadline.Token), await _sim.RunWatchdogAsync(_deadline.Token) };

        Assert.All(outcomes, o => Assert.Equal($"PyDECnet running, PID {pid}, answering", o.Summary));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_pydecnet_that_answers_again_before_hang_after_is_left_running_with_an_answering_again_alert()
    {
        _sim.Watchdog = new WatchdogOptions { ProbeTimeout = TimeSpan.FromMilliseconds(300), HangAfter = TimeSpan.FromMinutes(5), StopGrace = TimeSpan.FromSeconds(1) };
        var pid = await StartAndStopAsync();
        await _sim.RunWatchdogAsync(_deadline.Token);
        Signals.Send(pid, SIGCONT);

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Equal($"PyDECnet running, PID {pid}, answering", outcome.Summary);
        Assert.Equal((PydecnetStates.Running, null, null), (_sim.State!.State, _sim.State.Problem, _sim.State.NotAnsweringSince));
        Assert.Equal(["PyDECnet started (was not running)", "PyDECnet not answering", "PyDECnet answering again"], _sim.AlertSubjects());
    }

    /// <summary>Lets the watchdog start PyDECnet, then stops it with SIGSTOP (a real hang: connects succeed, nothing answers).</summary>
    private async Task<int> StartAndStopAsync()
    {
        await _sim.RunWatchdogAsync(_deadline.Token);
        var pid = _sim.SimPid!.Value;
        Signals.Send(pid, SIGSTOP);
        await Poll.UntilAsync(() => ProcessState(pid) == 'T', $"PID {pid} stopped", _sim.Dump);
        return pid;
    }

    /// <summary>Runs the watchdog every 100 ms until it restarts PyDECnet, giving up after 20 s.</summary>
    private async Task<List<JobOutcome>> RunUntilRestartedAsync()
    {
        var outcomes = new List<JobOutcome>();
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var outcome = await _sim.RunWatchdogAsync(_deadline.Token);
            outcomes.Add(outcome);
            if (!outcome.Succeeded || outcome.Summary.StartsWith("restarted", StringComparison.Ordinal))
                break;
            if (TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(20))
                Assert.Fail($"no restart within 20 s:\n{string.Join("\n", outcomes.Select(o => o.Summary))}\n{_sim.Dump()}");
            await Task.Delay(100, _deadline.Token);
        }
        Assert.True(outcomes[^1].Succeeded, outcomes[^1].Summary);
        return outcomes;
    }

    private static char ProcessState(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
