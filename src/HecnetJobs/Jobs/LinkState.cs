namespace HecnetJobs.Jobs;

/// <summary>What the link probe remembers of one target between runs (one <c>hj_links</c> row), so a cron run and the daemon agree.</summary>
/// <param name="State">The confirmed (debounced) state: <c>up</c>, <c>down</c>, or <c>unknown</c> until the first confirmation.</param>
/// <param name="Since">When <paramref name="State"/> began: the first check of the streak that confirmed it.</param>
/// <param name="LastChange">When <paramref name="State"/> was confirmed (the alert's time).</param>
/// <param name="LastVerdict">The latest check's verdict word (<c>up</c>, <c>down</c>, <c>unknown</c>).</param>
/// <param name="LastReason">The latest check's reason, one line.</param>
/// <param name="DownCount">Consecutive "down" checks (unknown checks neither count nor break the run).</param>
/// <param name="UpCount">Consecutive "up" checks.</param>
/// <param name="StreakSince">The first check of the current run of up or down checks.</param>
/// <param name="UnknownSince">The first of the latest unknown checks in a row; null once a check tells again.</param>
/// <param name="UnknownAlerted">The "cannot check" alert of the current unknown stretch was raised.</param>
/// <param name="LastReminder">The latest "still down" reminder of the current outage.</param>
public sealed record LinkState(
    string Target,
    string State,
    DateTimeOffset? Since = null,
    DateTimeOffset? LastChange = null,
    DateTimeOffset? LastCheck = null,
    string? LastVerdict = null,
    string? LastReason = null,
    int DownCount = 0,
    int UpCount = 0,
    DateTimeOffset? StreakSince = null,
    DateTimeOffset? UnknownSince = null,
    bool UnknownAlerted = false,
    DateTimeOffset? LastReminder = null)
{
    /// <summary>A target never checked.</summary>
    public static LinkState Initial(string target) => new(target, LinkStates.Unknown);

    /// <summary>What the status file shows: the confirmed state, or <c>unknown</c> while the latest check could not tell.</summary>
    public string Shown => UnknownSince is not null ? LinkStates.Unknown : State;

    /// <summary>Since when <see cref="Shown"/> holds.</summary>
    public DateTimeOffset? ShownSince => UnknownSince ?? Since;
}
