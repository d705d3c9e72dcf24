using HecnetJobs.Pydecnet;

namespace HecnetJobs.Jobs;

/// <summary>What one look at PyDECnet showed.</summary>
/// <param name="Pids">Matching processes (more than one is a problem of its own).</param>
/// <param name="LocateNote">Why the PID file was not used, or null.</param>
/// <param name="Api">The API probe, when a process was found.</param>
/// <param name="MainLoop">The <c>/stats/raw</c> sample, when the HTTP monitor is configured and the API answered.</param>
public sealed record Observation(IReadOnlyList<int> Pids, string? LocateNote, ApiProbeResult? Api, MainLoopSample? MainLoop);

/// <summary>The verdict on one observation: a state word, one line saying why, and the main-loop sample to keep.</summary>
public sealed record Assessment(string State, string Detail, DateTimeOffset? NotAnsweringSince, string? MainLoop, DateTimeOffset? MainLoopAt = null);

/// <summary>Whether a needed restart may happen now, and the state that results from asking.</summary>
/// <param name="Allowed">Restart now.</param>
/// <param name="RaiseTooOften">This is the moment to raise the one "restarting too often" alert of the episode.</param>
public sealed record BudgetDecision(bool Allowed, bool RaiseTooOften, WatchdogState State);

/// <summary>The watchdog's decisions as pure functions of the observation, the remembered state and the clock (tested without waiting).</summary>
public static class WatchdogPolicy
{

    /// <summary>Judges an observation: down, running, not answering, or hung once silent for the hang time.</summary>
    public static Assessment Assess(Observation observation, WatchdogState state, DateTimeOffset now, WatchdogOptions options)
    {
        if (observation.Pids.Count == 0)
            return new(PydecnetStates.Down, observation.LocateNote is { } note ? $"PyDECnet is not running ({note})" : "PyDECnet is not running", null, null);

        string? problem = null;
        var (loop, loopAt) = (state.MainLoop, state.MainLoopAt);
        if (observation.Api is not { Answered: true })
        {
            problem = observation.Api?.Detail ?? "not probed";
        }
        else if (observation.MainLoop is { } sample)
        {
            if (sample.Problem is not null)
            {
                problem = sample.Problem;
            }
            else if (sample.Fingerprint != loop || loopAt is null)
            {
                (loop, loopAt) = (sample.Fingerprint, now);
            }
            else if (now - loopAt.Value >= options.MainLoopGap && state.State is not (PydecnetStates.Unknown or PydecnetStates.Down))
            {
                // Equal counters only mean something over a gap: two checks a moment apart may both fall between ticks.
                problem = $"the API answers but the main loop's counters (/stats/raw) did not move in {Whole(now - loopAt.Value)}";
            }
        }

        if (problem is null)
            return new(PydecnetStates.Running, "running and answering", null, loop, loopAt);
        var silentSince = state.NotAnsweringSince ?? now;
        var silentFor = now - silentSince;
        return silentFor >= options.HangAfter
            ? new(PydecnetStates.Hung, $"{problem}; not answering for {Whole(silentFor)}", silentSince, loop, loopAt)
            : new(PydecnetStates.NotAnswering, problem, silentSince, loop, loopAt);
    }

    /// <summary>A span rounded to whole seconds, as a person reads it ("2m10s").</summary>
    public static string Whole(TimeSpan span) =>
        Config.Duration.Format(TimeSpan.FromSeconds(Math.Max(0, Math.Round(span.TotalSeconds))));

    /// <summary>The wait after <paramref name="level"/> back-off restarts: the initial wait doubled per level, at most the maximum.</summary>
    public static TimeSpan Backoff(int level, WatchdogOptions options)
    {
        var wait = options.BackoffInitial;
        for (var i = 0; i < level && wait < options.BackoffMax; i++)
            wait *= 2;
        return wait < options.BackoffMax ? wait : options.BackoffMax;
    }

    /// <summary>
    /// Applies the restart budget: up to the burst within the window restart at once; beyond it, wait a back-off that
    /// doubles per restart up to the maximum, and try again after it, for as long as it takes (never a terminal state).
    /// </summary>
    public static BudgetDecision Budget(WatchdogState state, int restartsInWindow, DateTimeOffset now, WatchdogOptions options)
    {
        var overBudget = restartsInWindow >= options.RestartBurst;
        if (!overBudget && state.BackoffLevel == 0)
            return new(true, false, state with { BackoffUntil = null });

        var until = state.BackoffUntil ?? (state.LastRestartAt ?? now) + Backoff(state.BackoffLevel, options);
        var raise = !state.BudgetAlerted;
        var marked = state with { BackoffUntil = until, BudgetAlerted = true };
        if (now < until)
            return new(false, raise, marked);
        var level = state.BackoffLevel + 1;
        return new(true, raise, marked with { BackoffLevel = level, BackoffUntil = now + Backoff(level, options) });
    }

    /// <summary>A PyDECnet that has run for the whole window since its last restart has earned a fresh budget.</summary>
    public static WatchdogState ForgiveIfStable(WatchdogState state, DateTimeOffset now, WatchdogOptions options) =>
        state.State == PydecnetStates.Running && (state.BackoffLevel > 0 || state.BudgetAlerted || state.BackoffUntil is not null) && state.LastRestartAt is { } last && now - last >= options.RestartWindow
            ? state with { BackoffLevel = 0, BackoffUntil = null, BudgetAlerted = false }
            : state;
}
