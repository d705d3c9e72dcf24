using HecnetJobs.Alerts;
using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>
/// The durable outbox (<c>hj_channels</c>, <c>hj_deliveries</c>): which alert still has to reach which channel, and each
/// channel's back-off. Only the instance-lock holder delivers, so one process at a time writes delivery state.
/// </summary>
public sealed class OutboxStore(Database database)
{
    /// <summary>A channel used for the first time (a fresh install, or one just added to the config) also gets alerts raised this long before, and none older.</summary>
    public static readonly TimeSpan NewChannelLookBack = TimeSpan.FromMinutes(15);

    /// <summary>A rank above every severity: the channel's row holds state (the ping) but never queues alerts.</summary>
    public const int NoAlerts = 4;

    /// <summary>Makes the configured channels active with their minimum ranks; a channel no longer configured stops and its queued deliveries fail.</summary>
    public void SyncChannels(IReadOnlyList<(string Name, int MinRank)> channels, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var (name, rank) in channels)
        {
            // A channel that is new or comes back after removal starts at the look-back, not at the whole history.
            Execute(connection, transaction, """
                INSERT INTO hj_channels (name, active, min_rank, watermark)
                VALUES ($name, 1, $rank, (SELECT coalesce(max(id), 0) FROM hj_alerts WHERE raised_at < $from))
                ON CONFLICT (name) DO UPDATE SET min_rank = excluded.min_rank,
                    watermark = CASE WHEN hj_channels.active = 0 THEN excluded.watermark ELSE hj_channels.watermark END,
                    active = 1;
                """, ("$name", name), ("$rank", rank), ("$from", StoreTime.ToText(now - NewChannelLookBack)));
        }
        var names = Json(channels.Select(c => c.Name));
        Execute(connection, transaction, """
            UPDATE hj_deliveries SET state = 'failed', last_error = 'channel removed from the config', message_id = NULL
            WHERE state = 'queued' AND channel NOT IN (SELECT value FROM json_each($names));
            UPDATE hj_channels SET active = 0, attempts = 0, retry_at = NULL, failing_since = NULL
            WHERE active = 1 AND name NOT IN (SELECT value FROM json_each($names));
            """, ("$names", names));
        transaction.Commit();
    }

    /// <summary>The id of the newest alert record, 0 when there is none; cheap, so the outbox polls it.</summary>
    public long NewestAlertId()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(id), 0) FROM hj_alerts;";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Queues every alert newer than each active channel's watermark (and severe enough for it); returns how many deliveries were added.</summary>
    public int Enqueue(DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var newest = Scalar(connection, transaction, "SELECT coalesce(max(id), 0) FROM hj_alerts;");
        var added = Execute(connection, transaction, $"""
            INSERT INTO hj_deliveries (alert_id, channel, state, queued_at)
            SELECT a.id, c.name, 'queued', $now FROM hj_channels c JOIN hj_alerts a ON a.id > c.watermark AND a.id <= $newest
            WHERE c.active = 1 AND {AlertSeverity.RankSql("a.severity")} >= c.min_rank
            ON CONFLICT DO NOTHING;
            """, ("$now", StoreTime.ToText(now)), ("$newest", newest));
        Execute(connection, transaction, "UPDATE hj_channels SET watermark = $newest WHERE active = 1 AND watermark < $newest;", ("$newest", newest));
        transaction.Commit();
        return added;
    }

    /// <summary>Active channels with queued alerts whose back-off has ended.</summary>
    public IReadOnlyList<string> DueChannels(DateTimeOffset now)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, """
            SELECT name FROM hj_channels c
            WHERE active = 1 AND (retry_at IS NULL OR retry_at <= $now)
              AND EXISTS (SELECT 1 FROM hj_deliveries d WHERE d.channel = c.name AND d.state = 'queued')
            ORDER BY name;
            """, ("$now", StoreTime.ToText(now)));
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>The alerts queued for <paramref name="channel"/>, oldest first.</summary>
    public IReadOnlyList<QueuedAlert> Queued(string channel)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, """
            SELECT d.alert_id, a.raised_at, a.source, a.kind, a.severity, a.subject, a.body, d.attempts, d.message_id
            FROM hj_deliveries d JOIN hj_alerts a ON a.id = d.alert_id
            WHERE d.channel = $channel AND d.state = 'queued' ORDER BY d.alert_id;
            """, ("$channel", channel));
        using var reader = command.ExecuteReader();
        var queued = new List<QueuedAlert>();
        while (reader.Read())
        {
            var alert = new AlertRecord(StoreTime.FromText(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6));
            queued.Add(new QueuedAlert(reader.GetInt64(0), alert, reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return queued;
    }

    /// <summary>Records the Message-Id before sending, so a crash between sending and <see cref="MarkSent"/> resends the same message.</summary>
    public void MarkInFlight(string channel, IEnumerable<long> alertIds, string messageId)
    {
        using var connection = database.Open();
        Execute(connection, null, "UPDATE hj_deliveries SET message_id = $id WHERE channel = $channel AND state = 'queued' AND alert_id IN (SELECT value FROM json_each($ids));",
            ("$id", messageId), ("$channel", channel), ("$ids", Json(alertIds)));
    }

    public void MarkSent(string channel, IEnumerable<long> alertIds, string messageId, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, """
            UPDATE hj_deliveries SET state = 'sent', sent_at = $now, message_id = $id, attempts = attempts + 1, next_attempt_at = NULL
            WHERE channel = $channel AND state = 'queued' AND alert_id IN (SELECT value FROM json_each($ids));
            UPDATE hj_channels SET attempts = 0, retry_at = NULL, failing_since = NULL, last_sent_at = $now WHERE name = $channel;
            """, ("$now", StoreTime.ToText(now)), ("$id", messageId), ("$channel", channel), ("$ids", Json(alertIds)));
        transaction.Commit();
    }

    /// <summary>Records a failed attempt: the alerts stay queued until <paramref name="retryAt"/>, and the channel remembers the error.</summary>
    public void MarkFailed(string channel, IEnumerable<long> alertIds, string error, DateTimeOffset now, DateTimeOffset retryAt)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, """
            UPDATE hj_deliveries SET attempts = attempts + 1, next_attempt_at = $retry, last_error = $error, message_id = NULL
            WHERE channel = $channel AND state = 'queued' AND alert_id IN (SELECT value FROM json_each($ids));
            """, ("$retry", StoreTime.ToText(retryAt)), ("$error", error), ("$channel", channel), ("$ids", Json(alertIds)));
        RecordFailure(connection, transaction, channel, error, now, retryAt);
        transaction.Commit();
    }

    /// <summary>Failed attempts in a row of a channel (0 when it works or is unknown).</summary>
    public int Attempts(string channel)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, "SELECT coalesce((SELECT attempts FROM hj_channels WHERE name = $channel), 0);", ("$channel", channel));
        return (int)(long)command.ExecuteScalar()!;
    }

    /// <summary>Records the outcome of a ping (a channel that queues nothing): null <paramref name="error"/> for success.</summary>
    public void RecordPing(string channel, string? error, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "INSERT INTO hj_channels (name, min_rank) VALUES ($channel, $rank) ON CONFLICT (name) DO NOTHING;", ("$channel", channel), ("$rank", NoAlerts));
        if (error is null)
            Execute(connection, transaction, "UPDATE hj_channels SET attempts = 0, failing_since = NULL, last_sent_at = $now WHERE name = $channel;", ("$now", StoreTime.ToText(now)), ("$channel", channel));
        else
            RecordFailure(connection, transaction, channel, error, now, null);
        transaction.Commit();
    }

    /// <summary>Every active channel with its queue, for the status file.</summary>
    public IReadOnlyList<ChannelState> Channels()
    {
        using var connection = database.Open();
        using var command = Command(connection, null, """
            SELECT c.name, c.active, c.attempts, c.retry_at, c.failing_since, c.last_error, c.last_error_at, c.last_sent_at,
                   (SELECT count(*) FROM hj_deliveries d WHERE d.channel = c.name AND d.state = 'queued'),
                   (SELECT min(a.raised_at) FROM hj_deliveries d JOIN hj_alerts a ON a.id = d.alert_id WHERE d.channel = c.name AND d.state = 'queued')
            FROM hj_channels c WHERE c.active = 1 ORDER BY c.name;
            """);
        using var reader = command.ExecuteReader();
        var channels = new List<ChannelState>();
        while (reader.Read())
        {
            channels.Add(new ChannelState(reader.GetString(0), reader.GetInt64(1) != 0, reader.GetInt32(2), reader.TimeOrNull(3), reader.TimeOrNull(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.TimeOrNull(6), reader.TimeOrNull(7), reader.GetInt32(8), reader.TimeOrNull(9)));
        }
        return channels;
    }

    /// <summary>How many alerts are queued for any channel, and when the oldest of them was raised.</summary>
    public (int Count, DateTimeOffset? Oldest) QueuedSummary()
    {
        using var connection = database.Open();
        using var command = Command(connection, null, """
            SELECT count(DISTINCT d.alert_id), min(a.raised_at)
            FROM hj_deliveries d JOIN hj_alerts a ON a.id = d.alert_id JOIN hj_channels c ON c.name = d.channel AND c.active = 1
            WHERE d.state = 'queued';
            """);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.TimeOrNull(1));
    }

    /// <summary>The newest alert of <paramref name="source"/> with exactly this subject raised before alert <paramref name="beforeId"/>, or null.</summary>
    public AlertRecord? LatestBefore(string source, string subject, long beforeId)
    {
        using var connection = database.Open();
        using var command = Command(connection, null, """
            SELECT raised_at, source, kind, severity, subject, body FROM hj_alerts
            WHERE source = $source AND subject = $subject AND id < $before ORDER BY id DESC LIMIT 1;
            """, ("$source", source), ("$subject", subject), ("$before", beforeId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new AlertRecord(StoreTime.FromText(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5))
            : null;
    }

    private static void RecordFailure(SqliteConnection connection, SqliteTransaction transaction, string channel, string error, DateTimeOffset now, DateTimeOffset? retryAt) =>
        Execute(connection, transaction, """
            UPDATE hj_channels SET attempts = attempts + 1, retry_at = $retry, failing_since = coalesce(failing_since, $now),
                last_error = $error, last_error_at = $now
            WHERE name = $channel;
            """, ("$retry", retryAt is { } r ? StoreTime.ToText(r) : null), ("$now", StoreTime.ToText(now)), ("$error", error), ("$channel", channel));

    private static string Json(IEnumerable<string> names) => System.Text.Json.JsonSerializer.Serialize(names.ToArray(), OutboxJsonContext.Default.StringArray);

    /// <summary>Ids as a JSON array of numbers, for <c>json_each</c>: one parameter however many alerts a message holds.</summary>
    private static string Json(IEnumerable<long> ids) => $"[{string.Join(',', ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return (long)command.ExecuteScalar()!;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class OutboxJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
