namespace HecnetJobs.Platform;

/// <summary>
/// Starting, stopping and watching a process HecnetJobs may not have started itself: the one seam where Linux (signals,
/// sessions, pidfds) and Windows (process handles, process trees) differ. <see cref="HostPlatform"/> picks one at start.
/// </summary>
internal interface IProcessControl
{
    /// <summary>True where a process can be asked to stop and given a grace period (SIGTERM); false where the only stop is a kill (Windows).</summary>
    bool CanAskToStop { get; }

    /// <summary>The process group <paramref name="pid"/> belongs to, or -1 when it is gone or there are no groups (Windows).</summary>
    int ProcessGroup(int pid);

    /// <summary>Asks the process to stop (SIGTERM, then SIGCONT so that a stopped process sees it); does nothing where <see cref="CanAskToStop"/> is false.</summary>
    void AskToStop(int pid);

    /// <summary>Kills at once: the whole process group when <paramref name="wholeGroup"/> (Linux), the whole process tree (Windows).</summary>
    void Kill(int pid, bool wholeGroup);

    /// <summary>Collects the exit of a child of this process; its exit code (128+signal when killed), or null when it still runs or is not our child.</summary>
    int? TryReap(int pid);

    /// <summary>
    /// Starts <paramref name="program"/> so that it outlives this process and is not hit by signals meant for it, stdin
    /// empty, stdout and stderr appended to <paramref name="outputFile"/>. Returns the PID, or a reason it could not start.
    /// </summary>
    SpawnResult Spawn(string program, IReadOnlyList<string> arguments, string workingDirectory, string outputFile);

    /// <summary>Blocks until the process has exited or <paramref name="cancellationToken"/> is cancelled; meant for a dedicated thread.</summary>
    void WaitForExit(int pid, CancellationToken cancellationToken);
}
