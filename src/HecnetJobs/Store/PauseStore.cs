namespace HecnetJobs.Store;

/// <summary>Pauses (<c>hj_pauses</c>), kept in the store so that the daemon and cron runs both honour them.</summary>
public sealed class PauseStore(Database database)
{
    /// <summary>The word that pauses every job at once.</summary>
    public const string All = "all";

    public void Set(Pause pause)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO hj_pauses (job, paused_at, until, reason, paused_by) VALUES ($job, $at, $until, $reason, $by)
            ON CONFLICT (job) DO UPDATE SET paused_at = excluded.paused_at, until = excluded.until, reason = excluded.reason, paused_by = excluded.paused_by;
            """;
        command.Parameters.AddWithValue("$job", pause.Job);
        command.Parameters.AddWithValue("$at", StoreTime.ToText(pause.PausedAt));
        command.Parameters.AddWithValue("$until", StoreTime.ToText(pause.Until));
        command.Parameters.AddWithValue("$reason", (object?)pause.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$by", pause.PausedBy);
        command.ExecuteNonQuery();
    }

    /// <summary>Ends pauses now: one job's, or every pause for <c>all</c>. Returns how many were in force.</summary>
    /// <remarks>The row stays with its end moved to now, so the digest still shows the pause and when it ended; housekeeping prunes it later.</remarks>
    public int Clear(string job, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = job == All
            ? "UPDATE hj_pauses SET until = $now WHERE until > $now;"
            : "UPDATE hj_pauses SET until = $now WHERE job = $job AND until > $now;";
        command.Parameters.AddWithValue("$job", job);
        command.Parameters.AddWithValue("$now", StoreTime.ToText(now));
        return command.ExecuteNonQuery();
    }

    /// <summary>Pauses in force at <paramref name="now"/>, ending soonest first.</summary>
    public IReadOnlyList<Pause> Active(DateTimeOffset now) =>
        Read("SELECT job, paused_at, until, reason, paused_by FROM hj_pauses WHERE until > $from ORDER BY until, job;", now, now);

    private List<Pause> Read(string sql, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", StoreTime.ToText(from));
        command.Parameters.AddWithValue("$to", StoreTime.ToText(to));
        using var reader = command.ExecuteReader();
        var pauses = new List<Pause>();
        while (reader.Read())
        {
            pauses.Add(new Pause(reader.GetString(0), StoreTime.FromText(reader.GetString(1)), StoreTime.FromText(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
        }
        return pauses;
    }

    /// <summary>Pauses in force at some time in [from, to), oldest first; a pause ended early with <c>resume</c> is gone and not among them.</summary>
    public IReadOnlyList<Pause> Overlapping(DateTimeOffset from, DateTimeOffset to) =>
        Read("SELECT job, paused_at, until, reason, paused_by FROM hj_pauses WHERE until > $from AND paused_at < $to ORDER BY paused_at, job;", from, to);

    /// <summary>The pause that stops <paramref name="job"/> now (its own or <c>all</c>, whichever ends later), or null.</summary>
    public Pause? For(string job, DateTimeOffset now) =>
        Active(now).Where(p => p.Job == job || p.Job == All).MaxBy(p => p.Until);
}
