namespace HecnetJobs.Web;

/// <summary>One background loop of the daemon: its name (for the log) and its body.</summary>
public sealed record DaemonLoop(string Name, Func<CancellationToken, Task> Body);
