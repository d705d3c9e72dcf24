using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Status;
using HecnetJobs.Store;
using HecnetJobs.Tests.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Status;

/// <summary>The PyDECnet, host and pause sections of the heartbeat, and the problems they raise.</summary>
public sealed class StatusPublisherSectionsTests : IDisposable
{
    private static readonly DateTimeOffset Now = StatusSamples.Now;

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Without_a_watchdog_run_the_pydecnet_section_stays_unknown_and_ok()
    {
        var document = Build();

        Assert.Equal("unknown", document.Pydecnet.State);
        Assert.Equal(StatusStates.Ok, document.State);
    }

    [Fact]
    public void A_pydecnet_that_is_down_is_critical_with_its_problem_first()
    {
        Save(new WatchdogState(PydecnetStates.Down, Now - TimeSpan.FromMinutes(3), Problem: "start failed (api-bind): PyDECnet cannot create its API socket"));

        var document = Build();

        Assert.Equal(StatusStates.Critical, document.State);
        Assert.Equal("down", document.Pydecnet.State);
        Assert.Equal("start failed (api-bind): PyDECnet cannot create its API socket", document.Pydecnet.Problem);
        Assert.Equal($"PyDECnet down since {Local(Now - TimeSpan.FromMinutes(3))}: start failed (api-bind): PyDECnet cannot create its API socket", document.Problems[0]);
    }

    [Theory]
    [InlineData(PydecnetStates.Hung, StatusStates.Critical)]
    [InlineData(PydecnetStates.BackingOff, StatusStates.Critical)]
    [InlineData(PydecnetStates.NotAnswering, StatusStates.Warning)]
    [InlineData(PydecnetStates.Restarting, StatusStates.Warning)]
    public void Each_troubled_state_has_its_level(string state, string level)
    {
        Save(new WatchdogState(state, Now - TimeSpan.FromMinutes(1), Pid: 4242, Problem: "something"));

        Assert.Equal(level, Build().State);
    }

    [Fact]
    public void A_restart_within_the_restart_window_is_a_warning_and_counted()
    {
        Save(new WatchdogState(PydecnetStates.Running, Now - TimeSpan.FromMinutes(5), Pid: Environment.ProcessId,
            LastRestartAt: Now - TimeSpan.FromMinutes(5), LastRestartReason: "crash: PID 17 exited"),
            new HistoryEvent(Now - TimeSpan.FromMinutes(5), "watchdog", WatchdogEvents.Restart, Environment.ProcessId, "crash"),
            new HistoryEvent(Now - TimeSpan.FromHours(30), "watchdog", WatchdogEvents.Restart, 16, "older than a day"));

        var document = Build();

        Assert.Equal(StatusStates.Warning, document.State);
        Assert.Equal($"PyDECnet restarted at {Local(Now - TimeSpan.FromMinutes(5))} (crash: PID 17 exited)", Assert.Single(document.Problems));
        Assert.Equal(1, document.Pydecnet.Restarts24h);
        // The PID is this test process, so its figures are real.
        Assert.True(document.Pydecnet.RssBytes > 0);
        Assert.True(document.Pydecnet.Threads >= 1);
    }

    [Theory]
    [InlineData("not running")]
    [InlineData("host restarted: the host restarted at 03:12; PyDECnet was last seen running at 03:10")]
    public void The_first_start_of_a_pydecnet_that_was_not_running_or_went_down_with_the_host_is_no_warning(string reason)
    {
        Save(new WatchdogState(PydecnetStates.Running, Now - TimeSpan.FromMinutes(5), Pid: 4242, LastRestartAt: Now - TimeSpan.FromMinutes(5), LastRestartReason: reason));

        Assert.Equal(StatusStates.Ok, Build().State);
    }

    [Fact]
    public void A_pause_in_force_is_listed_and_a_warning()
    {
        new PauseStore(_db.Database).Set(new Pause("watchdog", Now - TimeSpan.FromMinutes(1), Now + TimeSpan.FromHours(1), "upgrade", "pi"));
        new PauseStore(_db.Database).Set(new Pause("housekeeping", Now - TimeSpan.FromHours(3), Now - TimeSpan.FromHours(1), null, "pi"));

        var document = Build();

        var pause = Assert.Single(document.Pauses);
        Assert.Equal(("watchdog", "upgrade", "pi"), (pause.Job, pause.Reason, pause.By));
        Assert.Equal($"watchdog paused until {Local(Now + TimeSpan.FromHours(1))} by pi: upgrade", Assert.Single(document.Problems));
        Assert.Equal(StatusStates.Warning, document.State);
    }

    [Fact]
    public void The_host_section_has_the_data_folders_disk()
    {
        var document = Build();

        var disk = Assert.Single(document.Host.Disks, d => d.Path == _db.Dir.File("data"));
        Assert.InRange(disk.FreeBytes, 0, disk.TotalBytes);
    }

    [Fact]
    public void A_disk_under_the_critical_threshold_is_critical()
    {
        var document = Build(new VitalsThresholds { DiskCriticalBytes = long.MaxValue, MemWarnBytes = 0, LoadWarnPerCpu = double.MaxValue });

        Assert.Equal(StatusStates.Critical, document.State);
        Assert.StartsWith($"disk {_db.Dir.File("data")}: ", document.Problems[0], StringComparison.Ordinal);
    }

    private void Save(WatchdogState state, params HistoryEvent[] events) =>
        new WatchdogStore(_db.Database).Save("watchdog", state, events, []);

    private StatusDocument Build(VitalsThresholds? vitals = null)
    {
        var data = _db.Dir.File("data");
        Directory.CreateDirectory(data);
        var options = TestOptions.In(_db.Dir.Path, vitals: vitals);
        using var publisher = new StatusPublisher(options, new JobRunStore(_db.Database), _time, NullLoggerFactory.Instance, "daemon")
        {
            Schedule = new JobSchedule([new JobDefinition("watchdog", "DEFAULT", "watchdog", null, new Dictionary<string, string>(), [])], true),
        };
        return publisher.Build(new Dictionary<string, DateTimeOffset>());
    }

    private string Local(DateTimeOffset time) => $"{TimeZoneInfo.ConvertTime(time, _time.LocalTimeZone):yyyy-MM-dd HH:mm}";
}
