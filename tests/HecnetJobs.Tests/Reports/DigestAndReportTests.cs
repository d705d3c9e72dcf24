using HecnetJobs.Jobs;
using HecnetJobs.Reports;
using HecnetJobs.Store;
using HecnetJobs.Tests.Store;

namespace HecnetJobs.Tests.Reports;

/// <summary>The digest's and the report's numbers, checked against a history written with known times.</summary>
public sealed class DigestAndReportTests : IDisposable
{
    private static readonly DateTimeOffset To = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = To - TimeSpan.FromHours(24);

    private readonly TestDatabase _db = new();

    public DigestAndReportTests()
    {
        // Running since two days; a crash at 03:10 with 2 minutes down; a hang at 05:00 ending in a 30 s restart.
        var store = new WatchdogStore(_db.Database);
        store.Save("watchdog", WatchdogState.Initial(From), [
            State(From - TimeSpan.FromDays(1), "restarting -> running: restarted (not running), PID 100"),
            State(At(3, 10), "running -> down: PID 100 exited"),
            State(At(3, 11), "down -> restarting: crash: PID 100 exited"),
            Event(At(3, 12), WatchdogEvents.Restart, "crash: PID 100 exited; PID 200 answering after 900 ms"),
            State(At(3, 12), "restarting -> running: restarted (crash), PID 200"),
            State(At(4, 55), "running -> not-answering: no reply within 5s"),
            State(At(5, 0), "not-answering -> hung: silent for 5m"),
            State(At(5, 0, 10), "hung -> restarting: hung: silent for 5m"),
            Event(At(5, 0, 30), WatchdogEvents.Restart, "hung: silent for 5m; PID 300 answering after 1200 ms"),
            State(At(5, 0, 30), "restarting -> running: restarted (hung), PID 300"),
        ], [
            new AlertRecord(At(3, 12), "watchdog", "pydecnet.restarted", "warning", "PyDECnet restarted (crash)", "..."),
            new AlertRecord(At(5, 0, 30), "watchdog", "pydecnet.restarted", "warning", "PyDECnet restarted (hung)", "..."),
            new AlertRecord(From - TimeSpan.FromHours(1), "daily-digest", DigestBuilder.AlertKind, "info", "daily digest (yesterday)", "..."),
        ]);
        var runs = new JobRunStore(_db.Database);
        runs.Finish(runs.Start("housekeeping", "housekeeping", "schedule", 1, At(4, 0)), At(4, 0, 1), "failure", "disk I/O error");
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void The_digest_counts_uptime_restarts_outages_alerts_and_failed_runs_of_the_last_24_hours()
    {
        var digest = new DigestBuilder(_db.Database, "SAMPLE", TimeZoneInfo.Utc).Build(From, To);

        Assert.Equal("daily digest (PyDECnet up 99.8%, 2 restarts, 2 alerts)", digest.Subject);
        Assert.Equal("""
            Daily digest for HECnet node SAMPLE: 2026-11-22 07:00 to 2026-11-23 07:00.

            PyDECnet (watchdog): running since 05:00.
              Up 99.8% of the time known (23 h 57 min of 1 d); 2 restarts, no failed starts.
              03:12  restarted: crash: PID 100 exited; PID 200 answering after 900 ms
              05:00  restarted: hung: silent for 5m; PID 300 answering after 1200 ms
              Outage 03:10 to 03:12 (2 min)
              Outage 05:00 to 05:00 (30 s)

            Alerts raised: 2.
              03:12  warning   PyDECnet restarted (crash)
              05:00  warning   PyDECnet restarted (hung)

            Job failures: 1.
              04:00  housekeeping failure: disk I/O error

            Alerts still queued: none.

            """.ReplaceLineEndings("\n"), digest.Text);
    }

    [Fact]
    public void The_report_as_csv_has_one_row_per_outage_and_restart_with_times_and_seconds()
    {
        var reports = PydecnetReport.Build(_db.Database, From, To);

        var csv = new ReportWriter("SAMPLE", TimeZoneInfo.Utc).Write("csv", reports, [], From, To);

        Assert.Equal("""
            record,job,start,end,seconds,detail
            outage,watchdog,2026-11-23T03:10:00+00:00,2026-11-23T03:12:00+00:00,120,down
            outage,watchdog,2026-11-23T05:00:00+00:00,2026-11-23T05:00:30+00:00,30,hung
            restart,watchdog,2026-11-23T03:12:00+00:00,,,crash: PID 100 exited; PID 200 answering after 900 ms
            restart,watchdog,2026-11-23T05:00:30+00:00,,,hung: silent for 5m; PID 300 answering after 1200 ms

            """.ReplaceLineEndings("\n"), csv);
    }

    [Fact]
    public void The_timeline_before_the_first_known_state_is_unknown_and_left_out_of_the_availability()
    {
        var events = new[] { State(At(6, 0), "unknown -> down: PyDECnet is not running"), State(At(6, 30), "down -> running: restarted (not running), PID 1") };

        var timeline = PydecnetTimeline.Build(events, From, To);

        Assert.Equal(TimeSpan.FromHours(1), timeline.Known);
        Assert.Equal(0.5, timeline.Availability);
        Assert.Equal([new StateSpan(From, At(6, 0), "unknown"), new StateSpan(At(6, 0), At(6, 30), "down"), new StateSpan(At(6, 30), To, "running")], timeline.Spans);
    }

    private static DateTimeOffset At(int hour, int minute, int second = 0) => new(2026, 11, 23, hour, minute, second, TimeSpan.Zero);

    private static HistoryEvent State(DateTimeOffset at, string detail) => Event(at, WatchdogEvents.State, detail);

    private static HistoryEvent Event(DateTimeOffset at, string kind, string detail) => new(at, "watchdog", kind, null, detail);
}
