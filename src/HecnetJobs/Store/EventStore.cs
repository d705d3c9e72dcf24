using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>The history of events (<c>hj_events</c>): what each job saw and did, kept for the retention period.</summary>
public sealed class EventStore(Database database)
{
    /// <summary>Events of <paramref name="source"/> at or after <paramref name="from"/>, newest first, optionally of some kinds only.</summary>
    public IReadOnlyList<HistoryEvent> Since(string source, DateTimeOffset from, params string[] kinds)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var filter = kinds.Length == 0 ? "" : $" AND kind IN ({string.Join(", ", kinds.Select((_, i) => $"$k{i}"))})";
        command.CommandText = $"SELECT at, source, kind, pid, detail FROM hj_events WHERE source = $source AND at >= $from{filter} ORDER BY at DESC, id DESC;";
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$from", StoreTime.ToText(from));
        for (var i = 0; i < kinds.Length; i++)
            command.Parameters.AddWithValue($"$k{i}", kinds[i]);
        using var reader = command.ExecuteReader();
        var events = new List<HistoryEvent>();
        while (reader.Read())
        {
            events.Add(new HistoryEvent(
                StoreTime.FromText(reader.GetString(0)), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetString(4)));
        }
        return events;
    }

    /// <summary>The newest event of <paramref name="source"/> of the given kind, or null.</summary>
    public HistoryEvent? Latest(string source, string kind)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, source, kind, pid, detail FROM hj_events WHERE source = $source AND kind = $kind ORDER BY id DESC LIMIT 1;";
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$kind", kind);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new HistoryEvent(StoreTime.FromText(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetString(4))
            : null;
    }

    internal static void Insert(SqliteConnection connection, SqliteTransaction transaction, HistoryEvent item)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO hj_events (at, source, kind, pid, detail) VALUES ($at, $source, $kind, $pid, $detail);";
        command.Parameters.AddWithValue("$at", StoreTime.ToText(item.At));
        command.Parameters.AddWithValue("$source", item.Source);
        command.Parameters.AddWithValue("$kind", item.Kind);
        command.Parameters.AddWithValue("$pid", (object?)item.Pid ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", item.Detail);
        command.ExecuteNonQuery();
    }
}
