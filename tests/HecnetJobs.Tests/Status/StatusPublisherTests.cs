using System.Globalization;
using System.Text.Json;
using HecnetJobs.Config;
using HecnetJobs.Scheduling;
using HecnetJobs.Status;
using HecnetJobs.Store;
using HecnetJobs.Tests.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Status;

public sealed class StatusPublisherTests : IDisposable
{
    private static readonly DateTimeOffset Now = StatusSamples.Now;
    private static readonly Dictionary<string, DateTimeOffset> NoNextRuns = [];

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly JobRunStore _runs;

    public StatusPublisherTests()
    {
        _runs = new JobRunStore(_db.Database);
    }

    public void Dispose() => _db.Dispose();

    private string StatusFile => _db.Dir.File("data/status.json");

    [Fact]
    public void Build_lists_each_scheduled_job_with_its_last_run_result_duration_and_next_run()
    {
        Run("housekeeping", Now - TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(1500), "success", "deleted 3 history rows");
        using var publisher = Publisher(("housekeeping", "housekeeping"), ("check", "selftest"));

        var document = publisher.Build(new Dictionary<string, DateTimeOffset> { ["housekeeping"] = Now + TimeSpan.FromMinutes(50) });

        Assert.Equal(["check", "housekeeping"], document.Jobs.Keys.Order(StringComparer.Ordinal));
        var housekeeping = document.Jobs["housekeeping"];
        Assert.Equal("housekeeping", housekeeping.Type);
        Assert.Equal(Now - TimeSpan.FromMinutes(10), housekeeping.LastRun);
        Assert.Equal("success", housekeeping.Result);
        Assert.Equal(1500, housekeeping.DurationMs);
        Assert.Equal("deleted 3 history rows", housekeeping.Summary);
        Assert.Equal(Now + TimeSpan.FromMinutes(50), housekeeping.NextRun);
        Assert.Equal(StatusStates.Ok, document.State);
        Assert.Empty(document.Problems);
    }

    [Fact]
    public void A_job_that_never_ran_is_listed_with_no_result()
    {
        using var publisher = Publisher(("check", "selftest"));

        var check = publisher.Build(NoNextRuns).Jobs["check"];

        Assert.Equal("selftest", check.Type);
        Assert.Null(check.LastRun);
        Assert.Null(check.Result);
        Assert.Null(check.DurationMs);
        Assert.Null(check.NextRun);
    }

    [Fact]
    public void A_run_that_has_not_ended_shows_as_running_without_a_duration()
    {
        Run("housekeeping", Now - TimeSpan.FromSeconds(3), took: null);
        using var publisher = Publisher(("housekeeping", "housekeeping"));

        var housekeeping = publisher.Build(NoNextRuns).Jobs["housekeeping"];

        Assert.Equal("running", housekeeping.Result);
        Assert.Null(housekeeping.DurationMs);
    }

    [Fact]
    public void A_job_that_ran_but_is_no_longer_scheduled_is_left_out()
    {
        Run("old-probe", Now - TimeSpan.FromHours(1), TimeSpan.FromSeconds(1), "failure", "timed out");
        using var publisher = Publisher(("check", "selftest"));

        var document = publisher.Build(NoNextRuns);

        Assert.Equal(["check"], document.Jobs.Keys);
        Assert.Equal(StatusStates.Ok, document.State);
    }

    [Fact]
    public void A_failed_last_run_makes_the_state_warning_with_a_problem_line()
    {
        var started = Now - TimeSpan.FromMinutes(5);
        Run("housekeeping", started, TimeSpan.FromSeconds(2), "failure", "disk full");
        using var publisher = Publisher(("housekeeping", "housekeeping"));

        var document = publisher.Build(NoNextRuns);

        Assert.Equal(StatusStates.Warning, document.State);
        // The time is on the machine's clock, as the person reading it expects.
        Assert.Equal([$"job housekeeping failed at {LocalClock(started)}: disk full"], document.Problems);
    }

    [Fact]
    public void An_interrupted_last_run_makes_the_state_warning()
    {
        var started = Now - TimeSpan.FromMinutes(5);
        Run("housekeeping", started, took: null);
        _runs.CloseOrphans(Now);
        using var publisher = Publisher(("housekeeping", "housekeeping"));

        var document = publisher.Build(NoNextRuns);

        Assert.Equal(StatusStates.Warning, document.State);
        Assert.Equal([$"job housekeeping was interrupted at {LocalClock(started)}: HecnetJobs stopped before the run ended"], document.Problems);
    }

    [Fact]
    public void A_success_after_a_failure_clears_the_warning()
    {
        Run("housekeeping", Now - TimeSpan.FromHours(2), TimeSpan.FromSeconds(1), "failure", "disk full");
        Run("housekeeping", Now - TimeSpan.FromHours(1), TimeSpan.FromSeconds(1), "success", "deleted 0 history rows");
        using var publisher = Publisher(("housekeeping", "housekeeping"));

        var document = publisher.Build(NoNextRuns);

        Assert.Equal(StatusStates.Ok, document.State);
        Assert.Empty(document.Problems);
    }

    [Fact]
    public void A_schedule_error_goes_first_in_problems_with_only_its_first_line()
    {
        var started = Now - TimeSpan.FromMinutes(5);
        Run("housekeeping", started, TimeSpan.FromSeconds(2), "failure", "disk full");
        using var publisher = Publisher(("housekeeping", "housekeeping"));
        var error = "jobs.xml: line 7: 'cron-expression': '0 61 * * * ?' is not a valid cron expression\nthe minute must be 0-59";
        publisher.ScheduleError = error;

        var document = publisher.Build(NoNextRuns);

        Assert.Equal(StatusStates.Warning, document.State);
        Assert.Equal(
            [
                "jobs.xml edit refused (previous schedules in force): jobs.xml: line 7: 'cron-expression': '0 61 * * * ?' is not a valid cron expression",
                $"job housekeeping failed at {LocalClock(started)}: disk full",
            ],
            document.Problems);
        Assert.Equal(error, document.Schedules.Error);
    }

    [Fact]
    public void The_daemon_start_time_stays_while_updated_at_follows_the_clock()
    {
        using var publisher = Publisher(("check", "selftest"));
        _time.Advance(TimeSpan.FromMinutes(3));

        var document = publisher.Build(NoNextRuns);

        Assert.Equal(Now, document.Daemon.StartedAt);
        Assert.Equal(Now + TimeSpan.FromMinutes(3), document.UpdatedAt);
        Assert.Equal(Environment.ProcessId, document.Daemon.Pid);
        Assert.Equal(AppInfo.Version, document.Daemon.Version);
        Assert.Equal("daemon", document.Daemon.Mode);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_written_file_has_the_fixed_names_and_types_outside_watchers_rely_on()
    {
        Run("housekeeping", Now - TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1), "success", "deleted 0 history rows");
        using var publisher = Publisher(("housekeeping", "housekeeping"));

        await publisher.PublishAsync(CancellationToken.None);

        using var json = JsonDocument.Parse(File.ReadAllBytes(StatusFile));
        var expected = new Dictionary<string, JsonValueKind>
        {
            ["schema"] = JsonValueKind.Number,
            ["updatedAt"] = JsonValueKind.String,
            ["state"] = JsonValueKind.String,
            ["problems"] = JsonValueKind.Array,
            ["daemon.pid"] = JsonValueKind.Number,
            ["daemon.version"] = JsonValueKind.String,
            ["daemon.startedAt"] = JsonValueKind.String,
            ["daemon.mode"] = JsonValueKind.String,
            ["schedules"] = JsonValueKind.Object,
            ["jobs.housekeeping.type"] = JsonValueKind.String,
            ["jobs.housekeeping.lastRun"] = JsonValueKind.String,
            ["jobs.housekeeping.result"] = JsonValueKind.String,
            ["jobs.housekeeping.durationMs"] = JsonValueKind.Number,
            ["jobs.housekeeping.nextRun"] = JsonValueKind.Null,
            ["pydecnet.state"] = JsonValueKind.String,
            ["pydecnet.pid"] = JsonValueKind.Null,
            ["pydecnet.since"] = JsonValueKind.Null,
            ["links"] = JsonValueKind.Object,
            ["names"] = JsonValueKind.Object,
            ["outbox.queued"] = JsonValueKind.Number,
        };
        var actual = expected.Keys.ToDictionary(name => name, name => KindAt(json.RootElement, name));
        Assert.Equal(expected, actual);
        Assert.Equal(1, json.RootElement.GetProperty("schema").GetInt32());
        Assert.Equal("2026-11-23T04:00:00+00:00", json.RootElement.GetProperty("updatedAt").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Publishing_stopped_writes_mode_stopped_and_the_stop_time()
    {
        using var publisher = Publisher(("check", "selftest"));
        _time.Advance(TimeSpan.FromHours(1));

        await publisher.PublishStoppedAsync();

        var document = StatusFileReader.Read(StatusFile).Document!;
        Assert.Equal("stopped", document.Daemon.Mode);
        Assert.Equal(Now + TimeSpan.FromHours(1), document.Daemon.StoppedAt);
    }

    private StatusPublisher Publisher(params (string Name, string Type)[] jobs) =>
        new(Options(), _runs, _time, NullLoggerFactory.Instance, "daemon")
        {
            Schedule = new JobSchedule([.. jobs.Select(j => new JobDefinition(j.Name, "DEFAULT", j.Type, null, new Dictionary<string, string>(), []))], true),
        };

    private HecnetJobsOptions Options() => TestOptions.In(_db.Dir.Path);

    private void Run(string job, DateTimeOffset started, TimeSpan? took, string result = "success", string summary = "")
    {
        var id = _runs.Start(job, "test", "schedule", 1234, started);
        if (took is { } duration)
            _runs.Finish(id, started + duration, result, summary);
    }

    private static string LocalClock(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, TimeZoneInfo.Local).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The kind of the value at a dotted path, or <see cref="JsonValueKind.Undefined"/> when a name on the way is missing.</summary>
    private static JsonValueKind KindAt(JsonElement root, string path)
    {
        var element = root;
        foreach (var name in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return JsonValueKind.Undefined;
        }
        return element.ValueKind;
    }
}
