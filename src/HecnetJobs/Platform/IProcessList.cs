namespace HecnetJobs.Platform;

/// <summary>The processes of this machine: which exist, which are alive, and their command lines. A process that vanishes mid-read is simply gone.</summary>
internal interface IProcessList
{
    /// <summary>The command line of a live process, split into arguments, or null when it cannot be read or is empty.</summary>
    IReadOnlyList<string>? CommandLine(int pid);

    /// <summary>True when the process exists and has not exited (a zombie has exited).</summary>
    bool IsAlive(int pid);

    /// <summary>Every process id on the machine.</summary>
    IEnumerable<int> Pids();

    /// <summary>When this machine last booted, or null when that cannot be read: a PyDECnet last seen before it died with the host.</summary>
    DateTimeOffset? BootTime();
}
