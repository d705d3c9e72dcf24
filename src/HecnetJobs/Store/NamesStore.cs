using HecnetJobs.Names;
using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>The name refresh's state row (<c>hj_names</c>), saved with the run's events and alerts in one transaction.</summary>
public sealed class NamesStore(Database database)
{
    /// <summary>The name-refresh jobs that have a state row, by name.</summary>
    public IReadOnlyList<string> Jobs()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT job FROM hj_names ORDER BY job;";
        using var reader = command.ExecuteReader();
        var jobs = new List<string>();
        while (reader.Read())
            jobs.Add(reader.GetString(0));
        return jobs;
    }

    public NamesState? Load(string job)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT source, names_file, etag, last_modified, file_sha256, last_refresh_at, entries, added, removed, renamed,
                   refused, refused_at, refused_sha256, pending_restart, pending_reason
            FROM hj_names WHERE job = $job;
            """;
        command.Parameters.AddWithValue("$job", job);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new NamesState(
            Text(reader, 0),
            Text(reader, 1),
            new ConditionalGet(Text(reader, 2), Text(reader, 3)),
            Text(reader, 4),
            Time(reader, 5),
            reader.IsDBNull(6) ? null : reader.GetInt32(6),
            reader.IsDBNull(7) ? 0 : reader.GetInt32(7),
            reader.IsDBNull(8) ? 0 : reader.GetInt32(8),
            reader.IsDBNull(9) ? 0 : reader.GetInt32(9),
            Text(reader, 10),
            Time(reader, 11),
            Text(reader, 12),
            Time(reader, 13),
            Text(reader, 14));
    }

    /// <summary>Writes the state, events and alerts together: an alert exists exactly when the change that raised it was recorded.</summary>
    public void Save(string job, NamesState state, IEnumerable<HistoryEvent> events, IEnumerable<AlertRecord> alerts)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO hj_names (job, source, names_file, etag, last_modified, file_sha256, last_refresh_at, entries, added,
                    removed, renamed, refused, refused_at, refused_sha256, pending_restart, pending_reason)
                VALUES ($job, $source, $file, $etag, $modified, $sha, $refreshed, $entries, $added, $removed, $renamed, $refused,
                    $refusedAt, $refusedSha, $pending, $pendingReason)
                ON CONFLICT (job) DO UPDATE SET source = excluded.source, names_file = excluded.names_file, etag = excluded.etag,
                    last_modified = excluded.last_modified, file_sha256 = excluded.file_sha256,
                    last_refresh_at = excluded.last_refresh_at, entries = excluded.entries, added = excluded.added,
                    removed = excluded.removed, renamed = excluded.renamed, refused = excluded.refused,
                    refused_at = excluded.refused_at, refused_sha256 = excluded.refused_sha256, pending_restart = excluded.pending_restart,
                    pending_reason = excluded.pending_reason;
                """;
            command.Parameters.AddWithValue("$job", job);
            command.Parameters.AddWithValue("$source", Value(state.Source));
            command.Parameters.AddWithValue("$file", Value(state.NamesFile));
            command.Parameters.AddWithValue("$etag", Value(state.Validators?.ETag));
            command.Parameters.AddWithValue("$modified", Value(state.Validators?.LastModified));
            command.Parameters.AddWithValue("$sha", Value(state.FileSha256));
            command.Parameters.AddWithValue("$refreshed", Value(state.LastRefreshAt));
            command.Parameters.AddWithValue("$entries", (object?)state.Entries ?? DBNull.Value);
            command.Parameters.AddWithValue("$added", state.Added);
            command.Parameters.AddWithValue("$removed", state.Removed);
            command.Parameters.AddWithValue("$renamed", state.Renamed);
            command.Parameters.AddWithValue("$refused", Value(state.Refused));
            command.Parameters.AddWithValue("$refusedAt", Value(state.RefusedAt));
            command.Parameters.AddWithValue("$refusedSha", Value(state.RefusedSha256));
            command.Parameters.AddWithValue("$pending", Value(state.PendingRestart));
            command.Parameters.AddWithValue("$pendingReason", Value(state.PendingReason));
            command.ExecuteNonQuery();
        }
        foreach (var item in events)
            EventStore.Insert(connection, transaction, item);
        foreach (var alert in alerts)
            AlertStore.Insert(connection, transaction, alert);
        transaction.Commit();
    }

    private static object Value(string? text) => (object?)text ?? DBNull.Value;

    private static object Value(DateTimeOffset? time) => time is { } t ? StoreTime.ToText(t) : DBNull.Value;

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : StoreTime.FromText(reader.GetString(column));
}
