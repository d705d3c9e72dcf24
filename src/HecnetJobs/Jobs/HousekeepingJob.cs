using HecnetJobs.Store;
using Microsoft.Data.Sqlite;

namespace HecnetJobs.Jobs;

/// <summary>
/// Deletes history older than the retention — HecnetJobs' runs and requests and Quartz's execution and misfire history,
/// and the alerts' <c>.eml</c> files when <paramref name="mailFolder"/> is given — and gives the freed pages back to the
/// file system.
/// </summary>
public sealed class HousekeepingJob(Database database, HousekeepingOptions options, TimeProvider time, string? mailFolder = null) : IHecnetJob
{
    public static readonly JobType Type = new(
        "housekeeping",
        "prunes history older than housekeeping.retention and keeps the database small",
        new Dictionary<string, Func<string, string?>>(),
        services => new HousekeepingJob(services.Database, services.Options.Housekeeping, services.Time, services.Options.Alerts.Eml?.Folder));

    /// <summary>Each table with history, and the SQL condition that selects its rows older than the cut-off.</summary>
    private static readonly (string Table, string OlderThan)[] HistoryTables =
    [
        ("hj_job_runs", "finished_at IS NOT NULL AND finished_at < $cutoffText"),
        ("hj_trigger_requests", "finished_at IS NOT NULL AND finished_at < $cutoffText"),
        ("hj_events", "at < $cutoffText"),
        ("hj_deliveries", "alert_id IN (SELECT id FROM hj_alerts WHERE raised_at < $cutoffText AND id < (SELECT max(id) FROM hj_alerts))"),
        // The newest alert is kept whatever its age: SQLite would hand its id out again, and the outbox's watermark
        // would then skip the new alert that got it.
        ("hj_alerts", "raised_at < $cutoffText AND id < (SELECT max(id) FROM hj_alerts)"),
        ("hj_pauses", "until < $cutoffText"),
        ("hj_link_checks", "at < $cutoffText"),
        // Quartz stores these times as UTC ticks.
        ("QRTZ_EXECUTION_HISTORY", "FIRED_TIME < $cutoffTicks"),
        ("QRTZ_MISFIRE_HISTORY", "MISFIRE_TIME < $cutoffTicks"),
    ];

    public ValueTask<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Retention;
        using var connection = database.Open();
        var existing = ExistingTables(connection);
        var deleted = 0;
        foreach (var (table, olderThan) in HistoryTables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Quartz creates its tables on the daemon's first start; a one-shot run before that has none to prune.
            if (!existing.Contains(table))
                continue;
            using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {table} WHERE {olderThan};";
            command.Parameters.AddWithValue("$cutoffText", StoreTime.ToText(cutoff));
            command.Parameters.AddWithValue("$cutoffTicks", cutoff.UtcTicks);
            deleted += command.ExecuteNonQuery();
        }
        Execute(connection, "PRAGMA incremental_vacuum;");
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        var size = new FileInfo(database.Path).Length;
        var files = DeleteOldMail(cutoff);
        return ValueTask.FromResult(JobOutcome.Success(
            $"deleted {deleted} history row{(deleted == 1 ? "" : "s")}{(files > 0 ? $" and {files} .eml file{(files == 1 ? "" : "s")}" : "")} older than {Config.Duration.Format(options.Retention)}; database {size / 1024} KiB"));
    }

    /// <summary>Alert messages written as files are history too; a folder that fills the SD card is how a Pi router dies.</summary>
    private int DeleteOldMail(DateTimeOffset cutoff)
    {
        if (mailFolder is null || !Directory.Exists(mailFolder))
            return 0;
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(mailFolder, "*.eml"))
        {
            if (File.GetLastWriteTimeUtc(file) >= cutoff.UtcDateTime)
                continue;
            File.Delete(file);
            deleted++;
        }
        return deleted;
    }

    private static HashSet<string> ExistingTables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        // Both pragmas return rows; reading them to the end is what makes them do their work.
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }
}
