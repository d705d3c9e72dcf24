using HecnetJobs.Store;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Store;

public sealed class SchemaTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_fresh_database_gets_the_current_user_version_3()
    {
        var database = Migrated();

        Assert.Equal(3L, Pragma(database, "user_version"));
    }

    [Fact]
    public void A_fresh_database_is_in_wal_journal_mode()
    {
        var database = Migrated();

        Assert.Equal("wal", Pragma(database, "journal_mode"));
    }

    [Fact]
    public void A_fresh_database_has_incremental_auto_vacuum()
    {
        var database = Migrated();

        // 2 is INCREMENTAL; it only sticks when set before the first table, so this proves the order.
        Assert.Equal(2L, Pragma(database, "auto_vacuum"));
    }

    [Fact]
    public void A_fresh_database_has_the_hecnetjobs_tables()
    {
        var database = Migrated();

        Assert.Equal(["hj_alerts", "hj_channels", "hj_deliveries", "hj_events", "hj_job_runs", "hj_link_checks", "hj_links", "hj_names", "hj_pauses", "hj_trigger_requests", "hj_watchdog"], Tables(database));
    }

    [Fact]
    public void Migrating_again_keeps_the_rows()
    {
        var database = Migrated();
        new JobRunStore(database).Start("housekeeping", "housekeeping", "cli", 1, Now);

        database.Migrate();

        Assert.Equal(1, new JobRunStore(database).Count("housekeeping"));
        Assert.Equal(3L, Pragma(database, "user_version"));
    }

    [Fact]
    public void A_database_from_a_newer_hecnetjobs_is_refused_with_exit_code_65()
    {
        var path = _dir.File("hecnetjobs.db");
        var database = new Database(path);
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<HecnetJobsException>(() => database.Migrate());

        Assert.Equal(
            $"{path}: the database was written by a newer HecnetJobs (schema 99; this one knows up to 3); upgrade HecnetJobs, or restore the backup taken before the upgrade",
            error.Message);
        Assert.Equal(ExitCodes.Database, error.ExitCode);
        Assert.Equal(65, error.ExitCode);
    }

    [Fact]
    public void A_refused_newer_database_is_left_untouched()
    {
        var database = new Database(_dir.File("hecnetjobs.db"));
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        Assert.Throws<HecnetJobsException>(() => database.Migrate());

        Assert.Equal(99L, Pragma(database, "user_version"));
        Assert.Empty(Tables(database));
    }

    private Database Migrated()
    {
        var database = new Database(_dir.File("hecnetjobs.db"));
        database.Migrate();
        return database;
    }

    private static object? Pragma(Database database, string name)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return command.ExecuteScalar();
    }

    private static List<string> Tables(Database database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }
}
