using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>
/// The one SQLite file shared by the daemon, one-shot CLI runs and Quartz. WAL mode lets a reader and a writer work at
/// once; the busy timeout makes a second process wait for a short transaction instead of failing.
/// </summary>
public sealed class Database
{
    /// <summary>How long a statement waits for another process's write transaction before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private const int SqliteIoErr = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    public Database(string path)
    {
        Path = path;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>The connection string, also given to Quartz so both use the same file and settings.</summary>
    public string ConnectionString { get; }

    /// <summary>Opens a connection with a busy timeout set.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates or upgrades HecnetJobs' own tables (Quartz provisions its own) and turns on WAL mode.</summary>
    /// <param name="verify">Also run SQLite's quick_check, which reads every page (the daemon does, once at start: about
    /// 0.2 s for a 32 MB database on a busy 2-core machine), so that damage is reported now with the file's name rather
    /// than later as an internal error.</param>
    /// <exception cref="HecnetJobsException">The file is a newer HecnetJobs' database, not a database, or damaged (exit code <see cref="ExitCodes.Database"/>).</exception>
    public void Migrate(bool verify = false)
    {
        try
        {
            using var connection = Open();
            Schema.Migrate(connection);
            if (verify && QuickCheck(connection) is { } damage)
                throw Damaged($"is damaged (SQLite's check says: {damage})", null);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt)
        {
            throw Damaged(e.SqliteErrorCode == SqliteNotADatabase ? "is not an SQLite database" : "is damaged (SQLite finds it corrupt)", e);
        }
        catch (SqliteException e) when (DiskFull.Is(e) || (e.SqliteErrorCode == SqliteIoErr && DiskFull.NoRoomAt(Path)))
        {
            // Opening a WAL database on a full disk fails as "disk I/O error" (its index file cannot grow): say why.
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            throw new HecnetJobsException(
                $"{Path}: the data folder's disk is full (SQLite: {e.Message}); free some space there (df -h {folder}), then start HecnetJobs again",
                ExitCodes.TempFail,
                e);
        }
    }

    private HecnetJobsException Damaged(string what, Exception? cause) => new(
        $"{Path}: {what}; restore it from a backup, or move it away and HecnetJobs starts a new one (the history is then lost)",
        ExitCodes.Database,
        cause);

    /// <summary>The first problem quick_check finds, on one line, or null when it says "ok".</summary>
    private static string? QuickCheck(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(1);";
        var result = (string?)command.ExecuteScalar() ?? "no answer";
        if (result == "ok")
            return null;
        var lines = result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("***", StringComparison.Ordinal));
        return string.Join("; ", lines);
    }
}
