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
            reader.TextOrNull(0),
            reader.TextOrNull(1),
            new ConditionalGet(reader.TextOrNull(2), reader.TextOrNull(3)),
            reader.TextOrNull(4),
            reader.TimeOrNull(5),
            reader.IsDBNull(6) ? null : reader.GetInt32(6),
            reader.IsDBNull(7) ? 0 : reader.GetInt32(7),
            reader.IsDBNull(8) ? 0 : reader.GetInt32(8),
            reader.IsDBNull(9) ? 0 : reader.GetInt32(9),
            reader.TextOrNull(10),
            reader.TimeOrNull(11),
            reader.TextOrNull(12),
            reader.TimeOrNull(13),
            reader.TextOrNull(14));
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
            command.Parameters.AddWithValue("$source", SqlValues.Of(state.Source));
            command.Parameters.AddWithValue("$file", SqlValues.Of(state.NamesFile));
            command.Parameters.AddWithValue("$etag", SqlValues.Of(state.Validators?.ETag));
            command.Parameters.AddWithValue("$modified", SqlValues.Of(state.Validators?.LastModified));
            command.Parameters.AddWithValue("$sha", SqlValues.Of(state.FileSha256));
            command.Parameters.AddWithValue("$refreshed", SqlValues.Of(state.LastRefreshAt));
            command.Parameters.AddWithValue("$entries", (object?)state.Entries ?? DBNull.Value);
            command.Parameters.AddWithValue("$added", state.Added);
            command.Parameters.AddWithValue("$removed", state.Removed);
            command.Parameters.AddWithValue("$renamed", state.Renamed);
            command.Parameters.AddWithValue("$refused", SqlValues.Of(state.Refused));
            command.Parameters.AddWithValue("$refusedAt", SqlValues.Of(state.RefusedAt));
            command.Parameters.AddWithValue("$refusedSha", SqlValues.Of(state.RefusedSha256));
            command.Parameters.AddWithValue("$pending", SqlValues.Of(state.PendingRestart));
            command.Parameters.AddWithValue("$pendingReason", SqlValues.Of(state.PendingReason));
            command.ExecuteNonQuery();
        }
        ChangeRecords.Insert(connection, transaction, events, alerts);
        transaction.Commit();
    }
}
