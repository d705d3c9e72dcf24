using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>The last run of one job, for the status file.</summary>
public sealed record JobRunSummary(string Job, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Result, string? Summary)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>History of job runs (<c>hj_job_runs</c>): one row per run, written when it starts and completed when it ends.</summary>
public sealed class JobRunStore(Database database)
{
    /// <summary>The database this store writes to (the status publisher reads other tables from it too).</summary>
    public Database Database => database;

    /// <summary>Records that a run started and returns its id.</summary>
    public long Start(string job, string type, string origin, int pid, DateTimeOffset startedAt)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO hj_job_runs (job, type, origin, pid, started_at) VALUES ($job, $type, $origin, $pid, $started)
            RETURNING id;
            """;
        command.Parameters.AddWithValue("$job", job);
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$origin", origin);
        command.Parameters.AddWithValue("$pid", pid);
        command.Parameters.AddWithValue("$started", StoreTime.ToText(startedAt));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Records how a run ended.</summary>
    public void Finish(long runId, DateTimeOffset finishedAt, string result, string summary)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE hj_job_runs SET finished_at = $finished, result = $result, summary = $summary WHERE id = $id;";
        command.Parameters.AddWithValue("$finished", StoreTime.ToText(finishedAt));
        command.Parameters.AddWithValue("$result", result);
        command.Parameters.AddWithValue("$summary", summary);
        command.Parameters.AddWithValue("$id", runId);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs left without an end by a process that died are closed as <c>interrupted</c>; called by the lock holder at start.</summary>
    public int CloseOrphans(DateTimeOffset now)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE hj_job_runs SET finished_at = $now, result = 'interrupted', summary = 'HecnetJobs stopped before the run ended'
            WHERE finished_at IS NULL;
            """;
        command.Parameters.AddWithValue("$now", StoreTime.ToText(now));
        return command.ExecuteNonQuery();
    }

    /// <summary>The latest run of every job that has run.</summary>
    public IReadOnlyList<JobRunSummary> LastRuns()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT job, started_at, finished_at, result, summary FROM hj_job_runs r
            WHERE id = (SELECT id FROM hj_job_runs WHERE job = r.job ORDER BY started_at DESC, id DESC LIMIT 1)
            ORDER BY job;
            """;
        using var reader = command.ExecuteReader();
        var runs = new List<JobRunSummary>();
        while (reader.Read())
        {
            runs.Add(new JobRunSummary(
                reader.GetString(0),
                StoreTime.FromText(reader.GetString(1)),
                reader.IsDBNull(2) ? null : StoreTime.FromText(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return runs;
    }

    /// <summary>Counts runs of a job (tests and the digest use it).</summary>
    public long Count(string job, SqliteConnection? connection = null)
    {
        using var owned = connection is null ? database.Open() : null;
        using var command = (connection ?? owned!).CreateCommand();
        command.CommandText = "SELECT count(*) FROM hj_job_runs WHERE job = $job;";
        command.Parameters.AddWithValue("$job", job);
        return (long)command.ExecuteScalar()!;
    }
}
