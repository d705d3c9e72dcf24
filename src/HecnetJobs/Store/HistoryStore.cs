using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>Read-only history queries for the digest and <c>hecnetjobs report</c>: windows of events, alerts and failed runs, oldest first.</summary>
public sealed class HistoryStore(Database database)
{
    /// <summary>The watchdog jobs that have a state row (one per supervised PyDECnet).</summary>
    public IReadOnlyList<string> WatchdogJobs()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT job FROM hj_watchdog ORDER BY job;";
        using var reader = command.ExecuteReader();
        var jobs = new List<string>();
        while (reader.Read())
            jobs.Add(reader.GetString(0));
        return jobs;
    }

    /// <summary>Events of <paramref name="source"/> of one kind in [from, to), oldest first, preceded by the last such event before <paramref name="from"/> (the state the window starts in).</summary>
    public IReadOnlyList<HistoryEvent> EventsWithPrevious(string source, string kind, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT at, source, kind, pid, detail FROM (
                SELECT * FROM (SELECT id, at, source, kind, pid, detail FROM hj_events WHERE source = $source AND kind = $kind AND at < $from ORDER BY at DESC, id DESC LIMIT 1)
                UNION ALL
                SELECT id, at, source, kind, pid, detail FROM hj_events WHERE source = $source AND kind = $kind AND at >= $from AND at < $to)
            ORDER BY at, id;
            """;
        return ReadEvents(command, source, kind, from, to);
    }

    /// <summary>Events of <paramref name="source"/> of one kind in [from, to), oldest first.</summary>
    public IReadOnlyList<HistoryEvent> Events(string source, string kind, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, source, kind, pid, detail FROM hj_events WHERE source = $source AND kind = $kind AND at >= $from AND at < $to ORDER BY at, id;";
        return ReadEvents(command, source, kind, from, to);
    }

    /// <summary>Events of one kind from every source before <paramref name="to"/>, oldest first (the link changes: rare, and bounded by housekeeping).</summary>
    public IReadOnlyList<HistoryEvent> EventsOfKind(string kind, DateTimeOffset to)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, source, kind, pid, detail FROM hj_events WHERE kind = $kind AND at < $to ORDER BY at, id;";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$to", StoreTime.ToText(to));
        return Read(command);
    }

    /// <summary>Alerts raised in [from, to), oldest first, without those of <paramref name="exceptKind"/> (the digest leaves itself out).</summary>
    public IReadOnlyList<AlertRecord> Alerts(DateTimeOffset from, DateTimeOffset to, string exceptKind)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT raised_at, source, kind, severity, subject, body FROM hj_alerts
            WHERE raised_at >= $from AND raised_at < $to AND kind <> $except ORDER BY id;
            """;
        command.Parameters.AddWithValue("$from", StoreTime.ToText(from));
        command.Parameters.AddWithValue("$to", StoreTime.ToText(to));
        command.Parameters.AddWithValue("$except", exceptKind);
        using var reader = command.ExecuteReader();
        var alerts = new List<AlertRecord>();
        while (reader.Read())
            alerts.Add(new AlertRecord(StoreTime.FromText(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        return alerts;
    }

    /// <summary>Runs that started in [from, to) and ended as failure or interrupted, oldest first.</summary>
    public IReadOnlyList<JobRunSummary> FailedRuns(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT job, started_at, finished_at, result, summary FROM hj_job_runs
            WHERE started_at >= $from AND started_at < $to AND result IN ('failure', 'interrupted') ORDER BY started_at, id;
            """;
        command.Parameters.AddWithValue("$from", StoreTime.ToText(from));
        command.Parameters.AddWithValue("$to", StoreTime.ToText(to));
        using var reader = command.ExecuteReader();
        var runs = new List<JobRunSummary>();
        while (reader.Read())
        {
            runs.Add(new JobRunSummary(reader.GetString(0), StoreTime.FromText(reader.GetString(1)),
                reader.IsDBNull(2) ? null : StoreTime.FromText(reader.GetString(2)), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return runs;
    }

    private static List<HistoryEvent> ReadEvents(SqliteCommand command, string source, string kind, DateTimeOffset from, DateTimeOffset to)
    {
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$from", StoreTime.ToText(from));
        command.Parameters.AddWithValue("$to", StoreTime.ToText(to));
        return Read(command);
    }

    private static List<HistoryEvent> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var events = new List<HistoryEvent>();
        while (reader.Read())
            events.Add(new HistoryEvent(StoreTime.FromText(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetString(4)));
        return events;
    }
}
