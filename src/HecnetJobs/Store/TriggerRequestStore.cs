namespace HecnetJobs.Store;

/// <summary>A request from <c>hecnetjobs trigger</c> that the running daemon should run a job now.</summary>
public sealed record TriggerRequest(long Id, string Job);

/// <summary>How a request ended, once it has.</summary>
public sealed record TriggerRequestResult(string Result, string Summary);

/// <summary>
/// The hand-off between <c>trigger</c> and the daemon (<c>hj_trigger_requests</c>). A request is a row, so it survives
/// either process dying: the daemon claims rows it has not yet claimed, and a request claimed by a daemon that then died is
/// released again when the next lock holder starts.
/// </summary>
public sealed class TriggerRequestStore(Database database)
{
    public long Add(string job, int requestedBy, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO hj_trigger_requests (job, requested_at, requested_by) VALUES ($job, $now, $pid) RETURNING id;";
        command.Parameters.AddWithValue("$job", job);
        command.Parameters.AddWithValue("$now", StoreTime.ToText(now));
        command.Parameters.AddWithValue("$pid", requestedBy);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Claims every unclaimed request in one transaction and returns them oldest first.</summary>
    public IReadOnlyList<TriggerRequest> ClaimOpen(DateTimeOffset now)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE hj_trigger_requests SET claimed_at = $now WHERE claimed_at IS NULL RETURNING id, job;";
        command.Parameters.AddWithValue("$now", StoreTime.ToText(now));
        using var reader = command.ExecuteReader();
        var claimed = new List<TriggerRequest>();
        while (reader.Read())
            claimed.Add(new TriggerRequest(reader.GetInt64(0), reader.GetString(1)));
        return [.. claimed.OrderBy(r => r.Id)];
    }

    /// <summary>Claims one request, if nobody has; used by a <c>trigger --wait</c> that finds the daemon gone.</summary>
    public bool TryClaim(long id, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE hj_trigger_requests SET claimed_at = $now WHERE id = $id AND claimed_at IS NULL;";
        command.Parameters.AddWithValue("$now", StoreTime.ToText(now));
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() == 1;
    }

    public void Finish(long id, long? runId, string result, string summary, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE hj_trigger_requests SET finished_at = $now, run_id = $run, result = $result, summary = $summary WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$now", StoreTime.ToText(now));
        command.Parameters.AddWithValue("$run", runId.HasValue ? runId.Value : DBNull.Value);
        command.Parameters.AddWithValue("$result", result);
        command.Parameters.AddWithValue("$summary", summary);
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    /// <summary>The outcome of a request, or null while it is pending or running.</summary>
    public TriggerRequestResult? Result(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT result, summary FROM hj_trigger_requests WHERE id = $id AND finished_at IS NOT NULL;";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new TriggerRequestResult(reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Hands requests back unclaimed (the daemon claimed them but could not fire them), unless they have ended.</summary>
    public void Release(IReadOnlyCollection<long> ids)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var id in ids)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE hj_trigger_requests SET claimed_at = NULL WHERE id = $id AND finished_at IS NULL;";
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Releases requests a dead daemon claimed but never finished, so they run again; called by the new lock holder.</summary>
    public int ReleaseOrphans()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE hj_trigger_requests SET claimed_at = NULL WHERE claimed_at IS NOT NULL AND finished_at IS NULL;";
        return command.ExecuteNonQuery();
    }
}
