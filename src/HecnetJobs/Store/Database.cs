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
    public void Migrate()
    {
        using var connection = Open();
        Schema.Migrate(connection);
    }
}
