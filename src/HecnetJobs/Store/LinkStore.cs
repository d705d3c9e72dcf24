using HecnetJobs.Jobs;
using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>The link probe's per-target state rows (<c>hj_links</c>) and check history (<c>hj_link_checks</c>); a check, its state and its alerts are written in one transaction.</summary>
public sealed class LinkStore(Database database)
{
    private const string Columns = """
        target, state, since, last_change, last_check, last_verdict, last_reason, down_count, up_count, streak_since,
        unknown_since, unknown_alerted, last_reminder
        """;

    public LinkState? Load(string target)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM hj_links WHERE target = $target;";
        command.Parameters.AddWithValue("$target", target);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Every target ever probed, by target.</summary>
    public IReadOnlyList<LinkState> LoadAll()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM hj_links ORDER BY target;";
        using var reader = command.ExecuteReader();
        var links = new List<LinkState>();
        while (reader.Read())
            links.Add(Read(reader));
        return links;
    }

    /// <summary>Writes the check, the target's new state and what they raised together: an alert exists exactly when its change was recorded.</summary>
    public void Save(LinkState state, LinkCheck check, IEnumerable<HistoryEvent> events, IEnumerable<AlertRecord> alerts)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT INTO hj_links ({Columns})
                VALUES ($target, $state, $since, $change, $check, $verdict, $reason, $down, $up, $streak, $unknown, $alerted, $reminder)
                ON CONFLICT (target) DO UPDATE SET state = excluded.state, since = excluded.since, last_change = excluded.last_change,
                    last_check = excluded.last_check, last_verdict = excluded.last_verdict, last_reason = excluded.last_reason,
                    down_count = excluded.down_count, up_count = excluded.up_count, streak_since = excluded.streak_since,
                    unknown_since = excluded.unknown_since, unknown_alerted = excluded.unknown_alerted, last_reminder = excluded.last_reminder;
                """;
            command.Parameters.AddWithValue("$target", state.Target);
            command.Parameters.AddWithValue("$state", state.State);
            command.Parameters.AddWithValue("$since", SqlValues.Of(state.Since));
            command.Parameters.AddWithValue("$change", SqlValues.Of(state.LastChange));
            command.Parameters.AddWithValue("$check", SqlValues.Of(state.LastCheck));
            command.Parameters.AddWithValue("$verdict", (object?)state.LastVerdict ?? DBNull.Value);
            command.Parameters.AddWithValue("$reason", (object?)state.LastReason ?? DBNull.Value);
            command.Parameters.AddWithValue("$down", state.DownCount);
            command.Parameters.AddWithValue("$up", state.UpCount);
            command.Parameters.AddWithValue("$streak", SqlValues.Of(state.StreakSince));
            command.Parameters.AddWithValue("$unknown", SqlValues.Of(state.UnknownSince));
            command.Parameters.AddWithValue("$alerted", state.UnknownAlerted ? 1 : 0);
            command.Parameters.AddWithValue("$reminder", SqlValues.Of(state.LastReminder));
            command.ExecuteNonQuery();
        }
        Insert(connection, transaction, check);
        ChangeRecords.Insert(connection, transaction, events, alerts);
        transaction.Commit();
    }

    /// <summary>Checks of <paramref name="target"/> at or after <paramref name="from"/>, oldest first.</summary>
    public IReadOnlyList<LinkCheck> Checks(string target, DateTimeOffset from)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT at, source, target, verdict, kind, reason, exit_code, elapsed_ms FROM hj_link_checks
            WHERE target = $target AND at >= $from ORDER BY at, id;
            """;
        command.Parameters.AddWithValue("$target", target);
        command.Parameters.AddWithValue("$from", StoreTime.ToText(from));
        return ReadChecks(command);
    }

    /// <summary>Checks of <paramref name="target"/> in [from, to), oldest first, preceded by the last check before <paramref name="from"/> (what the window starts with).</summary>
    public IReadOnlyList<LinkCheck> ChecksWithPrevious(string target, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT at, source, target, verdict, kind, reason, exit_code, elapsed_ms FROM (
                SELECT * FROM (SELECT id, at, source, target, verdict, kind, reason, exit_code, elapsed_ms FROM hj_link_checks
                    WHERE target = $target AND at < $from ORDER BY at DESC, id DESC LIMIT 1)
                UNION ALL
                SELECT id, at, source, target, verdict, kind, reason, exit_code, elapsed_ms FROM hj_link_checks
                    WHERE target = $target AND at >= $from AND at < $to)
            ORDER BY at, id;
            """;
        command.Parameters.AddWithValue("$target", target);
        command.Parameters.AddWithValue("$from", StoreTime.ToText(from));
        command.Parameters.AddWithValue("$to", StoreTime.ToText(to));
        return ReadChecks(command);
    }

    /// <summary>The latest check of every target, by target (what <c>/metrics</c> reports as the check duration).</summary>
    public IReadOnlyList<LinkCheck> LatestChecks()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT at, source, target, verdict, kind, reason, exit_code, elapsed_ms FROM hj_link_checks
            WHERE id IN (SELECT max(id) FROM hj_link_checks GROUP BY target) ORDER BY target;
            """;
        return ReadChecks(command);
    }

    private static List<LinkCheck> ReadChecks(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var checks = new List<LinkCheck>();
        while (reader.Read())
        {
            checks.Add(new LinkCheck(
                StoreTime.FromText(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }
        return checks;
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, LinkCheck check)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO hj_link_checks (at, source, target, verdict, kind, reason, exit_code, elapsed_ms)
            VALUES ($at, $source, $target, $verdict, $kind, $reason, $exit, $elapsed);
            """;
        command.Parameters.AddWithValue("$at", StoreTime.ToText(check.At));
        command.Parameters.AddWithValue("$source", check.Source);
        command.Parameters.AddWithValue("$target", check.Target);
        command.Parameters.AddWithValue("$verdict", check.Verdict);
        command.Parameters.AddWithValue("$kind", check.Kind);
        command.Parameters.AddWithValue("$reason", check.Reason);
        command.Parameters.AddWithValue("$exit", (object?)check.ExitCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$elapsed", (object?)check.ElapsedMs ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static LinkState Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.TimeOrNull(2),
        reader.TimeOrNull(3),
        reader.TimeOrNull(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetInt32(7),
        reader.GetInt32(8),
        reader.TimeOrNull(9),
        reader.TimeOrNull(10),
        reader.GetInt64(11) != 0,
        reader.TimeOrNull(12));
}
