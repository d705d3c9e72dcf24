namespace HecnetJobs.Platform;

/// <summary>The outcome of <see cref="IProcessControl.Spawn"/>: the new process's PID, or why there is none.</summary>
internal readonly record struct SpawnResult(int Pid, string? Error)
{
    public static SpawnResult Started(int pid) => new(pid, null);

    public static SpawnResult Failed(string error) => new(0, error);
}
