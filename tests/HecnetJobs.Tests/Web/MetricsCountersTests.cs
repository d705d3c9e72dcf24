using HecnetJobs.Jobs;
using HecnetJobs.Store;
using HecnetJobs.Tests.Store;
using HecnetJobs.Web;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Web;

/// <summary>The <c>_total</c> counters: since the daemon started, each run counted once when it ends, never going down when housekeeping prunes.</summary>
public sealed class MetricsCountersTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly JobRunStore _runs;

    public MetricsCountersTests() => _runs = new JobRunStore(_db.Database);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Runs_before_the_daemon_started_do_not_count_and_later_ones_count_by_job_and_outcome()
    {
        Finished("watchdog", Start.AddMinutes(-10), "success");
        var counters = New();
        Finished("watchdog", Start.AddMinutes(1), "success");
        Finished("watchdog", Start.AddMinutes(2), "failure");
        Finished("link-probe", Start.AddMinutes(2), "success");
        Finished("watchdog", Start.AddMinutes(3), "success");

        Assert.Equal([("link-probe", "success", 1L), ("watchdog", "failure", 1L), ("watchdog", "success", 2L)], counters.Read().Runs);
    }

    [Fact]
    public void A_long_run_is_counted_when_it_ends_and_runs_that_ended_meanwhile_only_once()
    {
        var counters = New();
        var refresh = _runs.Start("name-refresh", "name-refresh", "schedule", 1, Start.AddMinutes(1));
        Finished("watchdog", Start.AddMinutes(2), "success");
        Assert.Equal([("watchdog", "success", 1L)], counters.Read().Runs);

        Finished("watchdog", Start.AddMinutes(4), "success");
        Assert.Equal([("watchdog", "success", 2L)], counters.Read().Runs);

        _runs.Finish(refresh, Start.AddMinutes(5), "failure", "refused");
        Assert.Equal([("name-refresh", "failure", 1L), ("watchdog", "success", 2L)], counters.Read().Runs);
        Assert.Equal([("name-refresh", "failure", 1L), ("watchdog", "success", 2L)], counters.Read().Runs);
    }

    [Fact]
    public void Pruning_old_runs_never_makes_a_counter_go_down()
    {
        var counters = New();
        for (var i = 1; i <= 5; i++)
            Finished("watchdog", Start.AddMinutes(i), "success");
        Assert.Equal(5, counters.Read().Runs.Single().Count);

        _db.Execute("DELETE FROM hj_job_runs WHERE id IN (SELECT id FROM hj_job_runs ORDER BY id LIMIT 4);");
        Finished("watchdog", Start.AddMinutes(6), "success");

        Assert.Equal(6, counters.Read().Runs.Single().Count);
    }

    [Fact]
    public void Restarts_and_failed_starts_count_from_the_watchdogs_events()
    {
        Event(Start.AddMinutes(-5), WatchdogEvents.Restart);
        var counters = New();
        Event(Start.AddMinutes(1), WatchdogEvents.Restart);
        Event(Start.AddMinutes(2), WatchdogEvents.StartFailed);
        Event(Start.AddMinutes(2), WatchdogEvents.State);
        Event(Start.AddMinutes(3), WatchdogEvents.Restart);

        var reading = counters.Read();

        Assert.Equal((2L, 1L), (reading.Restarts, reading.StartFailures));
    }

    [Fact]
    public void After_housekeeping_pruned_every_event_the_new_ones_still_count()
    {
        var counters = New();
        Event(Start.AddMinutes(1), WatchdogEvents.Restart);
        Event(Start.AddMinutes(2), WatchdogEvents.Restart);
        Assert.Equal(2, counters.Read().Restarts);

        // A quiet month: every event pruned, so the next ids start at 1 again, below what was counted.
        _time.Advance(TimeSpan.FromDays(31));
        _db.Execute("DELETE FROM hj_events;");
        Event(_time.GetUtcNow().AddSeconds(1), WatchdogEvents.Restart);

        Assert.Equal(3, counters.Read().Restarts);
        Assert.Equal(3, counters.Read().Restarts);
    }

    [Fact]
    public void Link_checks_count_by_target_and_verdict()
    {
        var counters = New();
        var links = new LinkStore(_db.Database);
        foreach (var (minute, verdict) in new[] { (1, "up"), (2, "up"), (3, "down"), (4, "unknown") })
        {
            links.Save(new LinkState("MIM", LinkStates.Up, Start, Start, Start.AddMinutes(minute)),
                new LinkCheck(Start.AddMinutes(minute), "link-probe", "MIM", verdict, "node", "", 0, 40), [], []);
        }

        Assert.Equal([("MIM", "down", 1L), ("MIM", "unknown", 1L), ("MIM", "up", 2L)], counters.Read().Checks);
    }

    private MetricsCounters New() => new(_db.Database, _time, Start);

    private void Finished(string job, DateTimeOffset at, string result) =>
        _runs.Finish(_runs.Start(job, job, "schedule", 1, at), at.AddSeconds(1), result, "");

    private void Event(DateTimeOffset at, string kind) =>
        new WatchdogStore(_db.Database).SaveEvents([new HistoryEvent(at, "watchdog", kind, 4242, "detail")], []);
}
