using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>Recognises a write that failed because the data folder's file system is full: a condition of the host, not a bug.</summary>
public static class DiskFull
{
    private const int SqliteFull = 13;
    private const int SqliteIoErrShmSize = 10 | (19 << 8);
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int WindowsDiskFull = 112;
    private const int WindowsHandleDiskFull = 39;

    /// <summary>
    /// True for SQLite's "database or disk is full" (and its failure to grow the WAL index), and for a file write
    /// refused for want of space or quota. On Unix an IOException's HResult is the errno; on Windows, the Win32 error.
    /// </summary>
    public static bool Is(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteErrorCode == SqliteFull || e.SqliteExtendedErrorCode == SqliteIoErrShmSize,
        IOException e when OperatingSystem.IsWindows() => (e.HResult & 0xFFFF) is WindowsDiskFull or WindowsHandleDiskFull,
        IOException e => e.HResult is Enospc or Edquot,
        _ => exception.InnerException is { } inner && Is(inner),
    };

    /// <summary>Whether the file system holding <paramref name="path"/> has (almost) no room left: under 64 KiB.</summary>
    public static bool NoRoomAt(string path) =>
        Status.HostVitalsReader.Read([path]).Disks is [{ } disk, ..] && disk.FreeBytes < 64 * 1024;
}
