using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>Recognises a write that failed because the data folder's file system is full: a condition of the host, not a bug.</summary>
public static class DiskFull
{
    private const int SqliteFull = 13;
    private const int Enospc = 28;
    private const int WindowsDiskFull = 112;
    private const int WindowsHandleDiskFull = 39;

    /// <summary>True for SQLite's "database or disk is full" and for a file write refused for want of space.</summary>
    public static bool Is(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteErrorCode == SqliteFull,
        IOException e => (e.HResult & 0xFFFF) is Enospc or WindowsDiskFull or WindowsHandleDiskFull,
        _ => exception.InnerException is { } inner && Is(inner),
    };
}
