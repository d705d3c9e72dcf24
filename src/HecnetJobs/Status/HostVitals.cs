namespace HecnetJobs.Status;

/// <summary>The host's free disk space, memory and load at one moment; a field is null where the platform does not say.</summary>
/// <param name="Disks">One entry per path asked about whose file system could be measured, in the order asked.</param>
/// <param name="MemAvailableBytes">MemAvailable from /proc/meminfo: what can be allocated without swapping.</param>
/// <param name="Load1">The one-minute load average from /proc/loadavg.</param>
public sealed record HostVitals(
    IReadOnlyList<DiskSpace> Disks,
    long? MemAvailableBytes,
    long? MemTotalBytes,
    double? Load1,
    double? Load5,
    double? Load15);
