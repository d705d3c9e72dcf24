namespace HecnetJobs.Status;

/// <summary>Where <see cref="VitalsJudge"/> starts to warn about, or cry out at, the host's disk, memory and load.</summary>
public sealed record VitalsThresholds
{
    private const long MiB = 1024 * 1024;

    /// <summary>Gets the free space below which a disk is CRITICAL; default 100 MiB, 0 or more.</summary>
    public long DiskCriticalBytes { get; init; } = 100 * MiB;

    /// <summary>Gets the free space below which a disk is a WARNING; default 500 MiB, 0 or more.</summary>
    public long DiskWarnBytes { get; init; } = 500 * MiB;

    /// <summary>Gets the free fraction of a disk's size below which it is a WARNING; default 0.05 (5%), 0 to 1.</summary>
    public double DiskWarnFraction { get; init; } = 0.05;

    /// <summary>Gets the available memory below which the host is a WARNING; default 50 MiB, 0 or more.</summary>
    public long MemWarnBytes { get; init; } = 50 * MiB;

    /// <summary>Gets the 5-minute load average per CPU above which the host is a WARNING; default 4, above 0.</summary>
    public double LoadWarnPerCpu { get; init; } = 4;
}
