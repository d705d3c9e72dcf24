using HecnetJobs.Jobs;
using HecnetJobs.Names;
using HecnetJobs.Scheduling;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using Quartz.Extensibility;

namespace HecnetJobs.Tests.Store;

/// <summary>
/// Makes the databases under tests/fixtures/db: what a release of schema version N leaves behind, with Quartz's tables
/// and the schedules of <see cref="JobsXml"/> stored, and rows in every HecnetJobs table of that version, written by the
/// stores as the daemon writes them. <c>HECNETJOBS_WRITE_DB_FIXTURES=1</c> makes the fixture test write them anew.
/// </summary>
internal static class DatabaseFixtures
{
    /// <summary>The clock of every row and of Quartz's triggers in the fixtures.</summary>
    public static readonly DateTimeOffset MadeAt = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

    /// <summary>The schedules stored in the fixtures; the daemon tests run with the same, so Quartz keeps the stored triggers.</summary>
    public static readonly string JobsXml = TestFiles.JobsXml(
        """
            <job><name>housekeeping</name><job-type>housekeeping</job-type></job>
            <trigger><simple><name>housekeeping-daily</name><job-name>housekeeping</job-name><misfire-instruction>FireNow</misfire-instruction><repeat-count>-1</repeat-count><repeat-interval>86400000</repeat-interval></simple></trigger>
            <job><name>daily-digest</name><job-type>daily-digest</job-type></job>
            <trigger><cron><name>daily-digest-morning</name><job-name>daily-digest</job-name><misfire-instruction>DoNothing</misfire-instruction><cron-expression>0 0 7 * * ?</cron-expression></cron></trigger>
        """);

    public static IReadOnlyList<int> Versions { get; } = [1, 2, 3];

    public static string Path(int version) => System.IO.Path.Combine(RepoPaths.Root, "tests", "fixtures", "db", $"hecnetjobs-v{version}.db");

    /// <summary>Writes the fixture of <paramref name="version"/> to <paramref name="path"/> (which must not exist).</summary>
    public static async Task MakeAsync(string path, int version)
    {
        var database = new Database(path);
        using (var connection = database.Open())
            Schema.MigrateTo(connection, version);
        await StoreSchedulesAsync(database);
        AddRows(database, version);
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            // One small self-contained file: 1 KiB pages instead of 4 KiB (Quartz's 15 tables and their indexes take a
            // page each at least), no free pages, nothing left in the WAL. The page size cannot change in WAL mode.
            command.CommandText = "PRAGMA journal_mode = DELETE; PRAGMA page_size = 1024; VACUUM; PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
    }

    private static async Task StoreSchedulesAsync(Database database)
    {
        using var dir = new TempDir();
        var schedule = new JobsXmlReader(JobCatalog.Types).ReadFile(dir.Write("jobs.xml", JobsXml));
        var time = new FakeTimeProvider(MadeAt);
        var scheduler = await QuartzSetup.CreateAsync(database, new NoJobs(), time, CancellationToken.None);
        var reconciler = new ScheduleReconciler(scheduler, time);
        await reconciler.ApplyAsync(schedule, CancellationToken.None);
        await reconciler.EnsureHeartbeatAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await scheduler.Shutdown(waitForJobsToComplete: false, CancellationToken.None);
    }

    private static void AddRows(Database database, int version)
    {
        var runs = new JobRunStore(database);
        var run = runs.Start("housekeeping", "housekeeping", "schedule", 4242, MadeAt.AddHours(-2));
        runs.Finish(run, MadeAt.AddHours(-2).AddSeconds(1), "success", "pruned 12 rows older than 30 days");
        var digest = runs.Start("daily-digest", "daily-digest", "cli", 4343, MadeAt.AddHours(-1));
        runs.Finish(digest, MadeAt.AddHours(-1).AddSeconds(2), "success", "digest written to mail/20261123-030000.eml");
        var requests = new TriggerRequestStore(database);
        var request = requests.Add("daily-digest", 4343, MadeAt.AddHours(-1));
        requests.TryClaim(request, MadeAt.AddHours(-1));
        requests.Finish(request, digest, "success", "digest written", MadeAt.AddHours(-1).AddSeconds(2));
        if (version < 2)
            return;

        var restartedAt = MadeAt.AddHours(-3);
        new WatchdogStore(database).Save(
            "watchdog",
            new WatchdogState(PydecnetStates.Running, restartedAt, Pid: 4141, CheckedAt: MadeAt.AddMinutes(-1), LastRestartAt: restartedAt, LastRestartReason: "crash"),
            [
                new HistoryEvent(restartedAt, "watchdog", WatchdogEvents.State, 4100, "running -> gone: process 4100 exited"),
                new HistoryEvent(restartedAt, "watchdog", WatchdogEvents.Restart, 4141, "started PyDECnet (crash): PID 4141 answering after 812 ms"),
            ],
            [new AlertRecord(restartedAt, "watchdog", "pydecnet.restarted", "warning", "[HECnet SAMPLE] PyDECnet restarted (crash) 01:00", "PyDECnet (PID 4100) exited; started again as PID 4141.")]);
        new PauseStore(database).Set(new Pause("name-refresh", MadeAt.AddMinutes(-30), MadeAt.AddHours(2), "upgrading PyDECnet", "cli (PID 4545)"));
        if (version < 3)
            return;

        var downAt = MadeAt.AddMinutes(-40);
        var upAt = MadeAt.AddMinutes(-10);
        new LinkStore(database).Save(
            new LinkState("MIM", LinkStates.Up, Since: upAt, LastChange: upAt, LastCheck: MadeAt.AddMinutes(-2), LastVerdict: "up", LastReason: "Reachable", UpCount: 15),
            new LinkCheck(MadeAt.AddMinutes(-2), "link-probe", "MIM", "up", "reachable", "Reachable", 0, 214),
            [new HistoryEvent(upAt, "link-probe", "link-up", null, "MIM up, was down 30 min")],
            [new AlertRecord(downAt, "link-probe", "link.down", "warning", "[HECnet SAMPLE] link MIM down 03:20", "ncp show node MIM: Unreachable"),
             new AlertRecord(upAt, "link-probe", "link.up", "info", "[HECnet SAMPLE] link MIM up 03:50", "was down 30 min")]);
        var outbox = new OutboxStore(database);
        outbox.SyncChannels([("eml", 1)], MadeAt.AddHours(-4));
        outbox.Enqueue(MadeAt);
        outbox.MarkSent("eml", Enumerable.Range(1, (int)outbox.NewestAlertId()).Select(i => (long)i), "<20261123040000.1@hecnetjobs>", MadeAt);
        new NamesStore(database).Save(
            "name-refresh",
            new NamesState(
                Source: "http://mim.stupi.net/hecnod",
                NamesFile: "/etc/pydecnet/nodenames.dat",
                Validators: new ConditionalGet("\"5f3a-4d2\"", "Sun, 22 Nov 2026 10:00:00 GMT"),
                FileSha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                LastRefreshAt: MadeAt.AddDays(-1),
                Entries: 1229,
                Added: 3,
                Removed: 1,
                Renamed: 2),
            [new HistoryEvent(MadeAt.AddDays(-1), "name-refresh", "refreshed", null, "1229 names: 3 added, 1 removed, 2 renamed")],
            []);
    }

    /// <summary>The fixtures' scheduler is never started, so it never asks for a job.</summary>
    private sealed class NoJobs : IJobFactory
    {
        public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the fixture scheduler runs no job");

        public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
