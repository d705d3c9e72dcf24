using HecnetJobs.Jobs;
using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>The watchdog's state row, its history events and its alert records; a run's changes are written in one transaction.</summary>
public sealed class WatchdogStore(Database database)
{
    public WatchdogState? Load(string job)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT state, since, pid, checked_at, not_answering_since, problem, main_loop, backoff_level, backoff_until,
                   budget_alerted, budget_reset_at, last_restart_at, last_restart_reason, output_marks, main_loop_at
            FROM hj_watchdog WHERE job = $job;
            """;
        command.Parameters.AddWithValue("$job", job);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new WatchdogState(
            reader.GetString(0),
            StoreTime.FromText(reader.GetString(1)),
            reader.IsDBNull(2) ? null : reader.GetInt32(2),
            reader.TimeOrNull(3),
            reader.TimeOrNull(4),
            reader.TextOrNull(5),
            reader.TextOrNull(6),
            reader.TimeOrNull(14),
            reader.GetInt32(7),
            reader.TimeOrNull(8),
            reader.GetInt64(9) != 0,
            reader.TimeOrNull(10),
            reader.TimeOrNull(11),
            reader.TextOrNull(12),
            reader.TextOrNull(13));
    }

    /// <summary>Writes the state, events and alerts together: an alert exists exactly when the change that caused it was recorded.</summary>
    public void Save(string job, WatchdogState state, IEnumerable<HistoryEvent> events, IEnumerable<AlertRecord> alerts)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO hj_watchdog (job, state, since, pid, checked_at, not_answering_since, problem, main_loop, backoff_level,
                    backoff_until, budget_alerted, budget_reset_at, last_restart_at, last_restart_reason, output_marks, main_loop_at)
                VALUES ($job, $state, $since, $pid, $checked, $silent, $problem, $loop, $level, $until, $alerted, $reset, $restartAt, $restartReason, $marks, $loopAt)
                ON CONFLICT (job) DO UPDATE SET state = excluded.state, since = excluded.since, pid = excluded.pid,
                    checked_at = excluded.checked_at, not_answering_since = excluded.not_answering_since, problem = excluded.problem,
                    main_loop = excluded.main_loop, backoff_level = excluded.backoff_level, backoff_until = excluded.backoff_until,
                    budget_alerted = excluded.budget_alerted, budget_reset_at = excluded.budget_reset_at,
                    last_restart_at = excluded.last_restart_at, last_restart_reason = excluded.last_restart_reason,
                    output_marks = excluded.output_marks, main_loop_at = excluded.main_loop_at;
                """;
            command.Parameters.AddWithValue("$job", job);
            command.Parameters.AddWithValue("$state", state.State);
            command.Parameters.AddWithValue("$since", StoreTime.ToText(state.Since));
            command.Parameters.AddWithValue("$pid", (object?)state.Pid ?? DBNull.Value);
            command.Parameters.AddWithValue("$checked", SqlValues.Of(state.CheckedAt));
            command.Parameters.AddWithValue("$silent", SqlValues.Of(state.NotAnsweringSince));
            command.Parameters.AddWithValue("$problem", (object?)state.Problem ?? DBNull.Value);
            command.Parameters.AddWithValue("$loop", (object?)state.MainLoop ?? DBNull.Value);
            command.Parameters.AddWithValue("$level", state.BackoffLevel);
            command.Parameters.AddWithValue("$until", SqlValues.Of(state.BackoffUntil));
            command.Parameters.AddWithValue("$alerted", state.BudgetAlerted ? 1 : 0);
            command.Parameters.AddWithValue("$reset", SqlValues.Of(state.BudgetResetAt));
            command.Parameters.AddWithValue("$restartAt", SqlValues.Of(state.LastRestartAt));
            command.Parameters.AddWithValue("$restartReason", (object?)state.LastRestartReason ?? DBNull.Value);
            command.Parameters.AddWithValue("$marks", (object?)state.OutputMarks ?? DBNull.Value);
            command.Parameters.AddWithValue("$loopAt", SqlValues.Of(state.MainLoopAt));
            command.ExecuteNonQuery();
        }
        ChangeRecords.Insert(connection, transaction, events, alerts);
        transaction.Commit();
    }

    /// <summary>Writes events and alerts that change no state, in one transaction.</summary>
    public void SaveEvents(IEnumerable<HistoryEvent> events, IEnumerable<AlertRecord> alerts)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        ChangeRecords.Insert(connection, transaction, events, alerts);
        transaction.Commit();
    }

    /// <summary>Restart attempts (successful or not) of this job at or after <paramref name="from"/>, newest first.</summary>
    public IReadOnlyList<HistoryEvent> AttemptsSince(string job, DateTimeOffset from) =>
        new EventStore(database).Since(job, from, WatchdogEvents.Restart, WatchdogEvents.StartFailed);

    /// <summary>Clears the back-off (<c>trigger watchdog --reset</c>): earlier restarts no longer count against the budget.</summary>
    public void Reset(string job, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE hj_watchdog SET backoff_level = 0, backoff_until = NULL, budget_alerted = 0, budget_reset_at = $now
                WHERE job = $job;
                """;
            command.Parameters.AddWithValue("$job", job);
            command.Parameters.AddWithValue("$now", StoreTime.ToText(now));
            command.ExecuteNonQuery();
        }
        EventStore.Insert(connection, transaction, new HistoryEvent(now, job, WatchdogEvents.Reset, null, "restart back-off cleared by trigger --reset"));
        transaction.Commit();
    }
}
