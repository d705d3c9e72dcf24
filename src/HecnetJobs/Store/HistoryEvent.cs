namespace HecnetJobs.Store;

/// <summary>An event for the history: a check result, a restart, a stop, an escalation, with its reason.</summary>
public sealed record HistoryEvent(DateTimeOffset At, string Source, string Kind, int? Pid, string Detail);
