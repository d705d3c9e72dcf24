namespace HecnetJobs.Pydecnet;

/// <summary>One run of <c>ncp show node TARGET</c>: what it printed, how it ended, and the parser's judgement.</summary>
/// <param name="ExitCode">ncp's exit code; null when it was killed after the timeout or never started.</param>
/// <param name="Pid">The ncp process id, when it started (the tests check that a killed one is gone).</param>
public sealed record NcpRun(string Target, string Stdout, string Stderr, int? ExitCode, bool TimedOut, TimeSpan Elapsed, int? Pid, NcpReply Reply);
