using System.Text.RegularExpressions;
using HecnetJobs.Jobs;
using HecnetJobs.Store;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Store;

public sealed class HousekeepingJobTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);
    private static readonly JobRunContext Context = new("housekeeping", new Dictionary<string, string>(), "cli");

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly JobRunStore _runs;
    private readonly TriggerRequestStore _requests;

    public HousekeepingJobTests()
    {
        _runs = new JobRunStore(_db.Database);
        _requests = new TriggerRequestStore(_db.Database);
    }

    public void Dispose() => _db.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task Runs_and_requests_that_finished_before_the_retention_are_deleted()
    {
        Run(finishedDaysAgo: 31);
        Request(finishedDaysAgo: 31);

        await RunHousekeepingAsync();

        Assert.Equal(0L, _db.Scalar("SELECT count(*) FROM hj_job_runs;"));
        Assert.Equal(0L, _db.Scalar("SELECT count(*) FROM hj_trigger_requests;"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Rows_inside_the_retention_and_unfinished_rows_are_kept()
    {
        Run(finishedDaysAgo: 29);
        Run(finishedDaysAgo: null, startedDaysAgo: 40);
        Request(finishedDaysAgo: 29);
        Request(finishedDaysAgo: null, startedDaysAgo: 40);

        var outcome = await RunHousekeepingAsync();

        AssertSummary("deleted 0 history rows older than 30d", outcome);
        Assert.Equal(2L, _db.Scalar("SELECT count(*) FROM hj_job_runs;"));
        Assert.Equal(2L, _db.Scalar("SELECT count(*) FROM hj_trigger_requests;"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_quartz_history_tables_it_prunes_its_own_and_says_how_many()
    {
        Run(finishedDaysAgo: 31);
        Run(finishedDaysAgo: 1);
        Request(finishedDaysAgo: 45);

        var outcome = await RunHousekeepingAsync();

        Assert.True(outcome.Succeeded);
        AssertSummary("deleted 2 history rows older than 30d", outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task One_deleted_row_is_counted_in_the_singular()
    {
        Run(finishedDaysAgo: 31);

        var outcome = await RunHousekeepingAsync();

        AssertSummary("deleted 1 history row older than 30d", outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task Quartz_execution_and_misfire_history_older_than_the_retention_is_deleted()
    {
        CreateQuartzHistoryTables();
        AddQuartzHistory(Now - TimeSpan.FromDays(31), Now - TimeSpan.FromDays(40));
        AddQuartzHistory(Now - TimeSpan.FromDays(29), Now - TimeSpan.FromHours(1));
        Run(finishedDaysAgo: 31);

        var outcome = await RunHousekeepingAsync();

        AssertSummary("deleted 3 history rows older than 30d", outcome);
        Assert.Equal((Now - TimeSpan.FromDays(29)).UtcTicks, _db.Scalar("SELECT FIRED_TIME FROM QRTZ_EXECUTION_HISTORY;"));
        Assert.Equal((Now - TimeSpan.FromHours(1)).UtcTicks, _db.Scalar("SELECT MISFIRE_TIME FROM QRTZ_MISFIRE_HISTORY;"));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_configured_retention_is_used_and_named()
    {
        var id = _runs.Start("selftest", "selftest", "schedule", 1, Now - TimeSpan.FromHours(3));
        _runs.Finish(id, Now - TimeSpan.FromHours(2), "success", "ok");

        var outcome = await RunHousekeepingAsync(new HousekeepingOptions { Retention = TimeSpan.FromHours(1) });

        AssertSummary("deleted 1 history row older than 1h", outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancellation_stops_it_before_it_deletes_anything()
    {
        Run(finishedDaysAgo: 31);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await new HousekeepingJob(_db.Database, new HousekeepingOptions(), _time).RunAsync(Context, cancelled.Token));

        Assert.Equal(1L, _db.Scalar("SELECT count(*) FROM hj_job_runs;"));
    }

    private async Task<JobOutcome> RunHousekeepingAsync(HousekeepingOptions? options = null) =>
        await new HousekeepingJob(_db.Database, options ?? new HousekeepingOptions(), _time).RunAsync(Context, CancellationToken.None);

    /// <summary>The summary is exact up to the database size, which SQLite decides.</summary>
    [Fact(Timeout = 30_000)]
    public async Task Alert_mail_files_older_than_the_retention_are_deleted_and_newer_ones_kept()
    {
        var folder = _db.Dir.File("mail");
        Directory.CreateDirectory(folder);
        var old = _db.Dir.Write("mail/20261001-031200-alert-1.eml", "old");
        var recent = _db.Dir.Write("mail/20261122-031200-alert-2.eml", "recent");
        File.SetLastWriteTimeUtc(old, (Now - TimeSpan.FromDays(31)).UtcDateTime);
        File.SetLastWriteTimeUtc(recent, (Now - TimeSpan.FromDays(1)).UtcDateTime);

        var outcome = await new HousekeepingJob(_db.Database, new HousekeepingOptions(), _time, folder).RunAsync(Context, CancellationToken.None);

        AssertSummary("deleted 0 history rows and 1 .eml file older than 30d", outcome);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
    }

    private static void AssertSummary(string deleted, JobOutcome outcome) =>
        Assert.Matches($"^{Regex.Escape(deleted)}; database [0-9]+ KiB$", outcome.Summary);

    private void Run(int? finishedDaysAgo, int startedDaysAgo = 0)
    {
        var started = Now - TimeSpan.FromDays(finishedDaysAgo ?? startedDaysAgo) - TimeSpan.FromMinutes(1);
        var id = _runs.Start("housekeeping", "housekeeping", "schedule", 1, started);
        if (finishedDaysAgo is { } days)
            _runs.Finish(id, Now - TimeSpan.FromDays(days), "success", "ok");
    }

    private void Request(int? finishedDaysAgo, int startedDaysAgo = 0)
    {
        var requested = Now - TimeSpan.FromDays(finishedDaysAgo ?? startedDaysAgo) - TimeSpan.FromMinutes(1);
        var id = _requests.Add("housekeeping", 1, requested);
        _requests.TryClaim(id, requested);
        if (finishedDaysAgo is { } days)
            _requests.Finish(id, null, "success", "ok", Now - TimeSpan.FromDays(days));
    }

    /// <summary>Just the columns housekeeping uses of the tables Quartz creates with UseExecutionHistory().</summary>
    private void CreateQuartzHistoryTables() => _db.Execute("""
        CREATE TABLE QRTZ_EXECUTION_HISTORY (ENTRY_ID TEXT PRIMARY KEY, FIRED_TIME BIGINT NOT NULL);
        CREATE TABLE QRTZ_MISFIRE_HISTORY (ENTRY_ID TEXT PRIMARY KEY, MISFIRE_TIME BIGINT NOT NULL);
        """);

    private void AddQuartzHistory(DateTimeOffset fired, DateTimeOffset misfired) => _db.Execute($"""
        INSERT INTO QRTZ_EXECUTION_HISTORY (ENTRY_ID, FIRED_TIME) VALUES ('{Guid.NewGuid()}', {fired.UtcTicks});
        INSERT INTO QRTZ_MISFIRE_HISTORY (ENTRY_ID, MISFIRE_TIME) VALUES ('{Guid.NewGuid()}', {misfired.UtcTicks});
        """);
}
