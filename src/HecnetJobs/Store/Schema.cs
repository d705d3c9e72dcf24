using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>HecnetJobs' own tables, versioned with <c>PRAGMA user_version</c> (Quartz's tables carry no version of ours).</summary>
internal static class Schema
{
    /// <summary>Each entry upgrades the schema from version <c>index</c> to <c>index + 1</c>.</summary>
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE hj_job_runs (
            id          INTEGER PRIMARY KEY,
            job         TEXT    NOT NULL,
            type        TEXT    NOT NULL,
            origin      TEXT    NOT NULL,
            pid         INTEGER NOT NULL,
            started_at  TEXT    NOT NULL,
            finished_at TEXT,
            result      TEXT,
            summary     TEXT
        );
        CREATE INDEX hj_job_runs_by_job ON hj_job_runs (job, started_at);
        CREATE TABLE hj_trigger_requests (
            id           INTEGER PRIMARY KEY,
            job          TEXT    NOT NULL,
            requested_at TEXT    NOT NULL,
            requested_by INTEGER NOT NULL,
            claimed_at   TEXT,
            run_id       INTEGER,
            finished_at  TEXT,
            result       TEXT,
            summary      TEXT
        );
        CREATE INDEX hj_trigger_requests_open ON hj_trigger_requests (id) WHERE claimed_at IS NULL;
        """,
        """
        CREATE TABLE hj_events (
            id     INTEGER PRIMARY KEY,
            at     TEXT    NOT NULL,
            source TEXT    NOT NULL,
            kind   TEXT    NOT NULL,
            pid    INTEGER,
            detail TEXT    NOT NULL
        );
        CREATE INDEX hj_events_by_source ON hj_events (source, kind, at);
        CREATE TABLE hj_alerts (
            id        INTEGER PRIMARY KEY,
            raised_at TEXT    NOT NULL,
            source    TEXT    NOT NULL,
            kind      TEXT    NOT NULL,
            severity  TEXT    NOT NULL,
            subject   TEXT    NOT NULL,
            body      TEXT    NOT NULL
        );
        CREATE TABLE hj_watchdog (
            job                 TEXT    PRIMARY KEY,
            state               TEXT    NOT NULL,
            since               TEXT    NOT NULL,
            pid                 INTEGER,
            checked_at          TEXT,
            not_answering_since TEXT,
            problem             TEXT,
            main_loop           TEXT,
            main_loop_at        TEXT,
            backoff_level       INTEGER NOT NULL DEFAULT 0,
            backoff_until       TEXT,
            budget_alerted      INTEGER NOT NULL DEFAULT 0,
            budget_reset_at     TEXT,
            last_restart_at     TEXT,
            last_restart_reason TEXT,
            output_marks        TEXT,
            details             TEXT
        );
        CREATE TABLE hj_pauses (
            job       TEXT PRIMARY KEY,
            paused_at TEXT NOT NULL,
            until     TEXT NOT NULL,
            reason    TEXT,
            paused_by TEXT NOT NULL
        );
        """,
        """
        CREATE TABLE hj_links (
            target          TEXT    PRIMARY KEY,
            state           TEXT    NOT NULL,
            since           TEXT,
            last_change     TEXT,
            last_check      TEXT,
            last_verdict    TEXT,
            last_reason     TEXT,
            down_count      INTEGER NOT NULL DEFAULT 0,
            up_count        INTEGER NOT NULL DEFAULT 0,
            streak_since    TEXT,
            unknown_since   TEXT,
            unknown_alerted INTEGER NOT NULL DEFAULT 0,
            last_reminder   TEXT
        );
        CREATE TABLE hj_link_checks (
            id         INTEGER PRIMARY KEY,
            at         TEXT    NOT NULL,
            source     TEXT    NOT NULL,
            target     TEXT    NOT NULL,
            verdict    TEXT    NOT NULL,
            kind       TEXT    NOT NULL,
            reason     TEXT    NOT NULL,
            exit_code  INTEGER,
            elapsed_ms INTEGER
        );
        CREATE INDEX hj_link_checks_by_target ON hj_link_checks (target, at);
        CREATE TABLE hj_channels (
            name          TEXT    PRIMARY KEY,
            active        INTEGER NOT NULL DEFAULT 1,
            min_rank      INTEGER NOT NULL DEFAULT 1,
            watermark     INTEGER NOT NULL DEFAULT 0,
            attempts      INTEGER NOT NULL DEFAULT 0,
            retry_at      TEXT,
            failing_since TEXT,
            last_error    TEXT,
            last_error_at TEXT,
            last_sent_at  TEXT
        );
        CREATE TABLE hj_deliveries (
            alert_id        INTEGER NOT NULL,
            channel         TEXT    NOT NULL,
            state           TEXT    NOT NULL,
            queued_at       TEXT    NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error      TEXT,
            sent_at         TEXT,
            message_id      TEXT,
            PRIMARY KEY (alert_id, channel)
        );
        CREATE INDEX hj_deliveries_queued ON hj_deliveries (channel, alert_id) WHERE state = 'queued';
        CREATE TABLE hj_names (
            job             TEXT PRIMARY KEY,
            source          TEXT,
            names_file      TEXT,
            etag            TEXT,
            last_modified   TEXT,
            file_sha256     TEXT,
            last_refresh_at TEXT,
            entries         INTEGER,
            added           INTEGER,
            removed         INTEGER,
            renamed         INTEGER,
            refused         TEXT,
            refused_at      TEXT,
            refused_sha256  TEXT,
            pending_restart TEXT,
            pending_reason  TEXT
        );
        """,
    ];

    public static int CurrentVersion => Steps.Length;

    /// <summary>Brings the schema up to <see cref="CurrentVersion"/>, in one transaction; a database of a newer HecnetJobs is refused untouched.</summary>
    public static void Migrate(SqliteConnection connection) => MigrateTo(connection, CurrentVersion);

    /// <summary>Brings the schema up to <paramref name="target"/> (for tests and the fixture databases, which stop at old versions).</summary>
    internal static void MigrateTo(SqliteConnection connection, int target)
    {
        var version = Scalar(connection, "PRAGMA user_version;");
        if (version > CurrentVersion)
        {
            throw new HecnetJobsException(
                $"{connection.DataSource}: the database was written by a newer HecnetJobs (schema {version}; this one knows up to {CurrentVersion}); upgrade HecnetJobs, or restore the backup taken before the upgrade",
                ExitCodes.Database);
        }
        if (version < 0)
        {
            throw new HecnetJobsException(
                $"{connection.DataSource}: schema version {version} is not one HecnetJobs writes (PRAGMA user_version was changed by hand?); restore a backup",
                ExitCodes.Database);
        }
        if (version >= target)
            return;
        if (version == 0)
        {
            // auto_vacuum only takes effect before the first table exists, so set it while the file is new.
            Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL;");
            Execute(connection, "PRAGMA journal_mode = WAL;");
        }
        using var transaction = connection.BeginTransaction();
        for (var step = version; step < target; step++)
            Execute(connection, Steps[step], transaction);
        Execute(connection, $"PRAGMA user_version = {target};", transaction);
        transaction.Commit();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
