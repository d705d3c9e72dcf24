using HecnetJobs.Store;
using Microsoft.Data.Sqlite;

namespace HecnetJobs.Web;

/// <summary>
/// Tells whether anyone committed to the database since the last look, through SQLite's <c>PRAGMA data_version</c> on a
/// connection of its own (which changes when another connection commits). Cheap enough to ask four times a second.
/// </summary>
public sealed class StoreWatch(Database database) : IDisposable
{
    private SqliteConnection? _connection;
    private long? _version;

    /// <summary>True when a commit happened since the previous call (and on the first call).</summary>
    public bool Changed()
    {
        _connection ??= database.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA data_version;";
        var version = (long)command.ExecuteScalar()!;
        var changed = version != _version;
        _version = version;
        return changed;
    }

    public void Dispose() => _connection?.Dispose();
}
