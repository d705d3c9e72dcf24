using HecnetJobs.Jobs;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HecnetJobs.Tests.Store;

/// <summary>
/// Databases written by each schema version (tests/fixtures/db) open in this release: migrated forward on start with
/// their rows kept, and the daemon runs on them with Quartz's stored schedules. A database of a newer release, or a
/// file that is no database, is refused with one line and exit code 65.
/// </summary>
public sealed class SchemaUpgradeTests : IDisposable
{
    private static readonly string[] AllTables =
        ["hj_alerts", "hj_channels", "hj_deliveries", "hj_events", "hj_job_runs", "hj_link_checks", "hj_links", "hj_names", "hj_pauses", "hj_trigger_requests", "hj_watchdog"];

    private readonly TempDir _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    public static TheoryData<int> Versions => [.. DatabaseFixtures.Versions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_database_of_schema_version_n_is_migrated_to_the_current_one_with_its_rows_kept(int version)
    {
        var path = CopyFixture(version);
        var before = RowCounts(path);

        new Database(path).Migrate();

        var after = RowCounts(path);
        Assert.Equal(3L, Pragma(path, "user_version"));
        Assert.Equal(AllTables, after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, table => Assert.Equal(table.Value, after[table.Key]));
        Assert.All(after.Keys.Except(before.Keys), table => Assert.Equal(0L, after[table]));
        Assert.Equal("wal", Pragma(path, "journal_mode"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void After_the_migration_the_stores_read_what_the_older_release_wrote(int version)
    {
        var database = new Database(CopyFixture(version));

        database.Migrate();

        var runs = new JobRunStore(database).LastRuns();
        Assert.Contains(runs, r => r.Job == "housekeeping" && r.Result == "success" && r.Summary == "pruned 12 rows older than 30 days");
        Assert.Equal(2, runs.Count);
        var watchdog = new WatchdogStore(database).Load("watchdog");
        var link = new LinkStore(database).Load("MIM");
        var names = new NamesStore(database).Load("name-refresh");
        if (version >= 2)
        {
            Assert.Equal((PydecnetStates.Running, 4141, "crash"), (watchdog?.State, watchdog?.Pid, watchdog?.LastRestartReason));
            Assert.Equal("upgrading PyDECnet", new PauseStore(database).For("name-refresh", DatabaseFixtures.MadeAt)?.Reason);
        }
        else
        {
            Assert.Null(watchdog);
        }
        Assert.Equal(version >= 3 ? LinkStates.Up : null, link?.State);
        Assert.Equal(version >= 3 ? 1229 : null, names?.Entries);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Versions))]
    public async Task The_daemon_starts_on_a_database_of_schema_version_n_and_keeps_quartzs_stored_schedules(int version)
    {
        // The load limit is lifted: four engineers share this machine, and its load is not what is tested.
        using var fixture = new DaemonFixture(ScheduleOf(DatabaseFixtures.JobsXml), """, "vitals": { "loadWarnPerCpu": 1000 }""");
        Directory.CreateDirectory(fixture.DataDir);
        File.Copy(DatabaseFixtures.Path(version), fixture.DatabaseFile);
        var storedStart = Quartz(fixture.DatabaseFile, "SELECT START_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'daily-digest-morning';");

        using var daemon = await fixture.StartDaemonAsync();
        await Poll.UntilAsync(() => fixture.StatusText.Contains($"\"pid\": {daemon.Pid}", StringComparison.Ordinal), "the daemon's status file", () => fixture.StatusText + "\n" + daemon.Stderr);
        var status = await fixture.RunAsync("status");

        Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr + "\n" + fixture.StatusText);
        Assert.Equal(3L, fixture.Scalar("PRAGMA user_version;"));
        Assert.Equal(2L, fixture.Scalar("SELECT count(*) FROM hj_job_runs WHERE finished_at < '2026-11-23T04:00:00.000Z';"));
        // The unchanged daily-digest trigger is the one stored by the older release, not a new one.
        Assert.Equal(storedStart, Quartz(fixture.DatabaseFile, "SELECT START_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'daily-digest-morning';"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_database_of_a_newer_release_is_refused_untouched_with_one_line_and_exit_code_65()
    {
        using var fixture = new DaemonFixture(ScheduleOf(DatabaseFixtures.JobsXml));
        Directory.CreateDirectory(fixture.DataDir);
        File.Copy(DatabaseFixtures.Path(3), fixture.DatabaseFile);
        fixture.Execute("PRAGMA user_version = 4;");
        var rowsBefore = RowCounts(fixture.DatabaseFile);

        var run = await fixture.RunAsync("run");
        var trigger = await fixture.RunAsync("trigger", "housekeeping", "--wait");

        var expected = $"{fixture.DatabaseFile}: the database was written by a newer HecnetJobs (schema 4; this one knows up to 3); upgrade HecnetJobs, or restore the backup taken before the upgrade";
        Assert.Equal((65, expected), (run.ExitCode, run.Stderr));
        Assert.Equal((65, expected), (trigger.ExitCode, trigger.Stderr));
        Assert.Equal(4L, fixture.Scalar("PRAGMA user_version;"));
        Assert.Equal(rowsBefore, RowCounts(fixture.DatabaseFile));
    }

    /// <summary>Files that are not a HecnetJobs database, each with the one line the user sees (exit code 65).</summary>
    public static TheoryData<string, string> BadDatabases => new()
    {
        { "random-bytes", "is not an SQLite database; restore it from a backup, or move it away and HecnetJobs starts a new one (the history is then lost)" },
        { "text-file", "is not an SQLite database; restore it from a backup, or move it away and HecnetJobs starts a new one (the history is then lost)" },
        { "header-overwritten", "is not an SQLite database; restore it from a backup, or move it away and HecnetJobs starts a new one (the history is then lost)" },
        { "pages-zeroed", "is damaged (SQLite's check says: Failed to read ptrmap key=46); restore it from a backup, or move it away and HecnetJobs starts a new one (the history is then lost)" },
        { "negative-version", "schema version -1 is not one HecnetJobs writes (PRAGMA user_version was changed by hand?); restore a backup" },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(BadDatabases))]
    public async Task A_file_that_is_no_hecnetjobs_database_is_refused_with_one_line_naming_it(string kind, string problem)
    {
        using var fixture = new DaemonFixture(ScheduleOf(DatabaseFixtures.JobsXml));
        Directory.CreateDirectory(fixture.DataDir);
        MakeBad(kind, fixture.DatabaseFile);

        var run = await fixture.RunAsync("run");

        Assert.Equal((65, $"{fixture.DatabaseFile}: {problem}"), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void An_empty_file_is_taken_as_a_new_database()
    {
        var path = _dir.Write("hecnetjobs.db", "");

        new Database(path).Migrate();

        Assert.Equal(3L, Pragma(path, "user_version"));
        Assert.Equal(AllTables, RowCounts(path).Keys.Order(StringComparer.Ordinal));
    }

    private static void MakeBad(string kind, string path)
    {
        switch (kind)
        {
            case "random-bytes":
                var bytes = new byte[8192];
                new Random(8).NextBytes(bytes);
                File.WriteAllBytes(path, bytes);
                break;
            case "text-file":
                File.WriteAllText(path, "dataDir = /var/lib/hecnetjobs\n");
                break;
            case "header-overwritten":
                File.Copy(DatabaseFixtures.Path(3), path);
                using (var stream = new FileStream(path, FileMode.Open))
                    stream.Write("not SQLite at all"u8);
                break;
            case "pages-zeroed":
                // Page 1 (the header and the start of the schema) kept, the pages after it zeroed.
                File.Copy(DatabaseFixtures.Path(3), path);
                using (var stream = new FileStream(path, FileMode.Open))
                {
                    stream.Position = 1024;
                    stream.Write(new byte[16 * 1024]);
                }
                break;
            case "negative-version":
                File.Copy(DatabaseFixtures.Path(3), path);
                using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA user_version = -1;";
                    command.ExecuteNonQuery();
                }
                break;
            default:
                throw new ArgumentException(kind, nameof(kind));
        }
    }

    private static string ScheduleOf(string jobsXml)
    {
        // DaemonFixture wraps a <schedule> body; the fixture's jobs.xml is cut back to it.
        var start = jobsXml.IndexOf("<schedule>", StringComparison.Ordinal) + "<schedule>".Length;
        return jobsXml[start..jobsXml.IndexOf("</schedule>", StringComparison.Ordinal)];
    }

    private string CopyFixture(int version)
    {
        var path = _dir.File($"v{version}.db");
        File.Copy(DatabaseFixtures.Path(version), path);
        return path;
    }

    private static Dictionary<string, long> RowCounts(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        var tables = DatabaseFixtureTests.Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'hj\\_%' ESCAPE '\\';").Select(r => r[0]).ToList();
        return tables.ToDictionary(t => t, t => long.Parse(DatabaseFixtureTests.Query(connection, $"SELECT count(*) FROM {t};")[0][0], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static object? Pragma(string path, string name)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return command.ExecuteScalar();
    }

    private static string Quartz(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        connection.Open();
        return DatabaseFixtureTests.Query(connection, sql).Single()[0];
    }
}
