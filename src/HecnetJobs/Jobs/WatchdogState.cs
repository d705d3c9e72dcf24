namespace HecnetJobs.Jobs;

/// <summary>The watchdog's state words, as the status file and history spell them.</summary>
public static class PydecnetStates
{
    public const string Unknown = "unknown";
    public const string Running = "running";
    public const string NotAnswering = "not-answering";
    public const string Hung = "hung";
    public const string Down = "down";
    public const string Restarting = "restarting";
    public const string BackingOff = "backing-off";
}

/// <summary>What the watchdog remembers between runs (one row per watchdog job), so a cron run and the daemon agree.</summary>
/// <param name="State">One of <see cref="PydecnetStates"/>.</param>
/// <param name="Since">When <paramref name="State"/> began.</param>
/// <param name="NotAnsweringSince">When the process last stopped answering; a process silent for the hang time is hung.</param>
/// <param name="Problem">The current problem in one line (null while running).</param>
/// <param name="MainLoop">The last <c>/stats/raw</c> fingerprint, to see whether the counters moved since.</param>
/// <param name="MainLoopAt">When <paramref name="MainLoop"/> was taken.</param>
/// <param name="BackoffLevel">Restarts made after the burst was used up; each doubles the next wait.</param>
/// <param name="BudgetAlerted">The "restarting too often" alert of this episode was raised.</param>
/// <param name="BudgetResetAt">Restarts before this time do not count (<c>trigger watchdog --reset</c>).</param>
/// <param name="OutputMarks">Where PyDECnet's output files ended at the last start, to read why it died.</param>
public sealed record WatchdogState(
    string State,
    DateTimeOffset Since,
    int? Pid = null,
    DateTimeOffset? CheckedAt = null,
    DateTimeOffset? NotAnsweringSince = null,
    string? Problem = null,
    string? MainLoop = null,
    DateTimeOffset? MainLoopAt = null,
    int BackoffLevel = 0,
    DateTimeOffset? BackoffUntil = null,
    bool BudgetAlerted = false,
    DateTimeOffset? BudgetResetAt = null,
    DateTimeOffset? LastRestartAt = null,
    string? LastRestartReason = null,
    string? OutputMarks = null)
{
    public static WatchdogState Initial(DateTimeOffset now) => new(PydecnetStates.Unknown, now);

    /// <summary>This state with another state word; <see cref="Since"/> moves only when the word changes.</summary>
    public WatchdogState To(string state, DateTimeOffset now) =>
        state == State ? this : this with { State = state, Since = now };
}
