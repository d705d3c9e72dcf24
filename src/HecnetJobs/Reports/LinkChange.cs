namespace HecnetJobs.Reports;

/// <summary>A confirmed change of a link's state.</summary>
/// <param name="At">When the new state began: the first check of the run of checks that confirmed it (what the alerts call "since").</param>
/// <param name="ConfirmedAt">When the change was confirmed (and alerted).</param>
/// <param name="State"><c>up</c> or <c>down</c>.</param>
/// <param name="Reason">What the confirming check found, with the diagnosis of a down link.</param>
public sealed record LinkChange(DateTimeOffset At, DateTimeOffset ConfirmedAt, string State, string Reason);
