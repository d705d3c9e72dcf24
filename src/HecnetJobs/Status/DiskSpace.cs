namespace HecnetJobs.Status;

/// <summary>The space on the file system that holds <see cref="Path"/>.</summary>
/// <param name="Path">The path asked about, as given.</param>
/// <param name="MountPoint">The root of the mount that covers the path.</param>
/// <param name="FreeBytes">Space an unprivileged user can still write (root may have a reserve beyond it).</param>
public sealed record DiskSpace(string Path, string MountPoint, long FreeBytes, long TotalBytes);
