namespace HecnetJobs.Store;

/// <summary>One <c>ncp show node</c> check of a link (<c>hj_link_checks</c>): every check is kept for the retention period.</summary>
/// <param name="Source">The job that ran it.</param>
/// <param name="Verdict"><c>up</c>, <c>down</c> or <c>unknown</c>.</param>
/// <param name="Kind">The parser's kind word (<c>reachable</c>, <c>unreachable</c>, <c>timeout</c>, ...).</param>
/// <param name="ExitCode">ncp's exit code; null when it was killed or never started.</param>
/// <param name="ElapsedMs">How long ncp ran; null when it never started.</param>
public sealed record LinkCheck(DateTimeOffset At, string Source, string Target, string Verdict, string Kind, string Reason, int? ExitCode, long? ElapsedMs);
