using HecnetJobs.Store;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Store;

public sealed class JobRunStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly JobRunStore _runs;

    public JobRunStoreTests()
    {
        _runs = new JobRunStore(_db.Database);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void A_finished_run_reads_back_with_its_times_result_and_summary()
    {
        var id = _runs.Start("housekeeping", "housekeeping", "schedule", 1234, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMilliseconds(1500));

        _runs.Finish(id, _time.GetUtcNow(), "success", "deleted 3 history rows");

        var run = Assert.Single(_runs.LastRuns());
        Assert.Equal(new JobRunSummary("housekeeping", Now, Now + TimeSpan.FromMilliseconds(1500), "success", "deleted 3 history rows"), run);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), run.Duration);
    }

    [Fact]
    public void A_run_that_has_not_finished_has_no_end_result_or_duration()
    {
        _runs.Start("housekeeping", "housekeeping", "cli", 1234, Now);

        var run = Assert.Single(_runs.LastRuns());

        Assert.Null(run.FinishedAt);
        Assert.Null(run.Result);
        Assert.Null(run.Duration);
    }

    [Fact]
    public void Last_runs_picks_the_latest_run_of_each_job_ordered_by_job()
    {
        Finished("selftest", Now - TimeSpan.FromHours(3), "success");
        Finished("housekeeping", Now - TimeSpan.FromHours(2), "failure");
        Finished("housekeeping", Now - TimeSpan.FromHours(1), "success");
        Finished("selftest", Now - TimeSpan.FromHours(4), "failure");

        var runs = _runs.LastRuns();

        Assert.Equal(
            [("housekeeping", Now - TimeSpan.FromHours(1), "success"), ("selftest", Now - TimeSpan.FromHours(3), "success")],
            runs.Select(r => (r.Job, r.StartedAt, r.Result)));
    }

    [Fact]
    public void Last_runs_goes_by_start_time_not_by_insertion_order()
    {
        Finished("housekeeping", Now - TimeSpan.FromMinutes(1), "success");
        Finished("housekeeping", Now - TimeSpan.FromMinutes(30), "failure");

        var run = Assert.Single(_runs.LastRuns());

        Assert.Equal(Now - TimeSpan.FromMinutes(1), run.StartedAt);
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_as_the_same_instant()
    {
        var started = new DateTimeOffset(2026, 11, 23, 6, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);

        _runs.Start("housekeeping", "housekeeping", "cli", 1234, started);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 4, 0, 0, 123, TimeSpan.Zero), Assert.Single(_runs.LastRuns()).StartedAt);
        Assert.Equal("2026-11-23T04:00:00.123Z", _db.Scalar("SELECT started_at FROM hj_job_runs;"));
    }

    [Fact]
    public void Close_orphans_marks_unfinished_runs_interrupted_at_now()
    {
        _runs.Start("housekeeping", "housekeeping", "schedule", 1234, Now - TimeSpan.FromMinutes(5));
        _runs.Start("selftest", "selftest", "cli", 1235, Now - TimeSpan.FromMinutes(4));

        var closed = _runs.CloseOrphans(Now);

        Assert.Equal(2, closed);
        Assert.All(_runs.LastRuns(), run =>
        {
            Assert.Equal("interrupted", run.Result);
            Assert.Equal("HecnetJobs stopped before the run ended", run.Summary);
            Assert.Equal(Now, run.FinishedAt);
        });
    }

    [Fact]
    public void Close_orphans_leaves_finished_runs_alone()
    {
        Finished("housekeeping", Now - TimeSpan.FromMinutes(5), "success");

        var closed = _runs.CloseOrphans(Now);

        Assert.Equal(0, closed);
        var run = Assert.Single(_runs.LastRuns());
        Assert.Equal("success", run.Result);
        Assert.Equal(Now - TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1), run.FinishedAt);
    }

    [Fact]
    public void Count_counts_the_runs_of_one_job()
    {
        Finished("housekeeping", Now - TimeSpan.FromHours(2), "success");
        Finished("housekeeping", Now - TimeSpan.FromHours(1), "success");
        Finished("selftest", Now - TimeSpan.FromHours(1), "success");

        Assert.Equal(2, _runs.Count("housekeeping"));
    }

    private void Finished(string job, DateTimeOffset started, string result)
    {
        var id = _runs.Start(job, job, "schedule", 1234, started);
        _runs.Finish(id, started + TimeSpan.FromSeconds(1), result, $"{result} summary");
    }
}
