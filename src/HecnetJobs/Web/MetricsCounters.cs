using HecnetJobs.Jobs;
using HecnetJobs.Store;
using Microsoft.Data.Sqlite;

namespace HecnetJobs.Web;

/// <summary>
/// The counters of <c>/metrics</c> since the daemon started: job runs by outcome, PyDECnet restarts and failed starts,
/// link checks by verdict. Counted from the history tables by row id, never by counting rows, so housekeeping's pruning
/// of old rows cannot make a counter go down. Thread-safe: a scrape and the textfile may read at once.
/// </summary>
public sealed class MetricsCounters
{
    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Job, string Outcome), long> _runs = [];
    private readonly Dictionary<(string Target, string Verdict), long> _checks = [];
    private readonly HashSet<long> _runsCountedEarly = [];
    private long _runsBelow;
    private long _eventsBelow;
    private long _checksBelow;
    private DateTimeOffset _lastRead;

    /// <summary>Starts counting after what the history holds from before <paramref name="since"/> (the daemon's start).</summary>
    public MetricsCounters(Database database, TimeProvider time, DateTimeOffset since)
    {
        _database = database;
        _time = time;
        _lastRead = since;
        using var connection = database.Open();
        _runsBelow = MaxId(connection, "hj_job_runs", "started_at", since);
        _eventsBelow = MaxId(connection, "hj_events", "at", since);
        _checksBelow = MaxId(connection, "hj_link_checks", "at", since);
    }

    /// <summary>PyDECnet restarts (successful starts) since the daemon started.</summary>
    public long Restarts { get; private set; }

    /// <summary>Starts of PyDECnet that failed since the daemon started.</summary>
    public long StartFailures { get; private set; }

    /// <summary>Brings the counters up to date with the history and returns a copy.</summary>
    public CounterReading Read()
    {
        lock (_lock)
        {
            using var connection = _database.Open();
            var now = _time.GetUtcNow();
            CountRuns(connection);
            CountEvents(connection);
            CountChecks(connection);
            _lastRead = now;
            return new CounterReading(
                Restarts,
                StartFailures,
                _runs.OrderBy(r => r.Key.Job, StringComparer.Ordinal).ThenBy(r => r.Key.Outcome, StringComparer.Ordinal).Select(r => (r.Key.Job, r.Key.Outcome, r.Value)).ToList(),
                _checks.OrderBy(c => c.Key.Target, StringComparer.Ordinal).ThenBy(c => c.Key.Verdict, StringComparer.Ordinal).Select(c => (c.Key.Target, c.Key.Verdict, c.Value)).ToList());
        }
    }

    /// <summary>
    /// A run is counted once it has ended. Runs end out of order (a long name refresh under short watchdog runs), so the
    /// mark stays below the oldest run still going and the few counted above it are remembered.
    /// </summary>
    private void CountRuns(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, job, result FROM hj_job_runs WHERE id > $below ORDER BY id;";
        command.Parameters.AddWithValue("$below", _runsBelow);
        using var reader = command.ExecuteReader();
        long? firstRunning = null;
        long last = _runsBelow;
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            last = id;
            if (reader.IsDBNull(2))
            {
                firstRunning ??= id;
                continue;
            }
            if (_runsCountedEarly.Add(id))
                Increment(_runs, (reader.GetString(1), reader.GetString(2)));
        }
        _runsBelow = firstRunning is { } running ? running - 1 : last;
        _runsCountedEarly.RemoveWhere(id => id <= _runsBelow);
    }

    private void CountEvents(SqliteConnection connection)
    {
        var (max, restarts, failures) = EventsAbove(connection, _eventsBelow, null);
        if (max < _eventsBelow)
        {
            // Housekeeping pruned every event above the mark (a quiet month), so new ids start lower again: the rows
            // written since the last reading are the new ones.
            (max, restarts, failures) = EventsAbove(connection, 0, _lastRead);
        }
        Restarts += restarts;
        StartFailures += failures;
        _eventsBelow = max;
    }

    private static (long Max, long Restarts, long Failures) EventsAbove(SqliteConnection connection, long below, DateTimeOffset? since)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT (SELECT coalesce(max(id), 0) FROM hj_events),
                   coalesce(sum(kind = $restart), 0), coalesce(sum(kind = $failed), 0)
            FROM hj_events WHERE id > $below{(since is null ? "" : " AND at >= $since")};
            """;
        command.Parameters.AddWithValue("$restart", WatchdogEvents.Restart);
        command.Parameters.AddWithValue("$failed", WatchdogEvents.StartFailed);
        command.Parameters.AddWithValue("$below", below);
        if (since is { } from)
            command.Parameters.AddWithValue("$since", StoreTime.ToText(from));
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private void CountChecks(SqliteConnection connection)
    {
        // As with events: a link probe removed and added again after the retention period starts its ids lower.
        var max = Max(connection, "hj_link_checks");
        var shrunk = max < _checksBelow;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT target, verdict FROM hj_link_checks WHERE id > $below AND id <= $max{(shrunk ? " AND at >= $since" : "")};";
        command.Parameters.AddWithValue("$below", shrunk ? 0 : _checksBelow);
        command.Parameters.AddWithValue("$max", max);
        command.Parameters.AddWithValue("$since", StoreTime.ToText(_lastRead));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            Increment(_checks, (reader.GetString(0), reader.GetString(1)));
        _checksBelow = max;
    }

    private static long Max(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT coalesce(max(id), 0) FROM {table};";
        return (long)command.ExecuteScalar()!;
    }

    private static long MaxId(SqliteConnection connection, string table, string timeColumn, DateTimeOffset before)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT coalesce(max(id), 0) FROM {table} WHERE {timeColumn} < $before;";
        command.Parameters.AddWithValue("$before", StoreTime.ToText(before));
        return (long)command.ExecuteScalar()!;
    }

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
