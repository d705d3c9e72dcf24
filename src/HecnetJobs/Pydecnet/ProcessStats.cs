namespace HecnetJobs.Pydecnet;

/// <summary>A snapshot of one process as /proc describes it: memory, CPU time, threads, start time, name and arguments.</summary>
/// <param name="RssBytes">Resident set size in bytes (0 for kernel threads).</param>
/// <param name="CpuTime">User plus system CPU time the process has used.</param>
/// <param name="StartedAt">When the process started, or null when the boot time could not be read.</param>
/// <param name="Comm">The kernel's short name for the process (at most 15 bytes; may contain spaces and parentheses).</param>
/// <param name="CommandLine">The argument vector; empty for zombies and kernel threads.</param>
public sealed record ProcessStats(
    int Pid,
    long RssBytes,
    TimeSpan CpuTime,
    int Threads,
    DateTimeOffset? StartedAt,
    string Comm,
    IReadOnlyList<string> CommandLine);
