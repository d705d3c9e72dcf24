using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Status;
using HecnetJobs.Store;
using HecnetJobs.Tests.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Status;

/// <summary>The change seam live views use: every document is announced, and flagged as changed only when something a person watches changed.</summary>
public sealed class StatusPublisherChangesTests : IDisposable
{
    private static readonly DateTimeOffset Now = StatusSamples.Now;

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly List<(StatusDocument Document, bool Changed)> _announced = [];
    private readonly StatusPublisher _publisher;

    public StatusPublisherChangesTests()
    {
        _publisher = new StatusPublisher(TestOptions.In(_db.Dir.Path), new JobRunStore(_db.Database), _time, NullLoggerFactory.Instance, "daemon")
        {
            Schedule = new JobSchedule([new JobDefinition("watchdog", "DEFAULT", WatchdogJob.Type.Name, null, new Dictionary<string, string>(), [])], true),
        };
        _publisher.Published += (document, changed) => _announced.Add((document, changed));
    }

    public void Dispose()
    {
        _publisher.Dispose();
        _db.Dispose();
    }

    private string StatusFile => _db.Dir.File("data/status.json");

    [Fact(Timeout = 30_000)]
    public async Task The_first_document_is_a_change_and_the_same_state_later_is_not_though_its_time_moved()
    {
        Pydecnet(PydecnetStates.Running, 4242);
        await _publisher.PublishAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        await _publisher.PublishAsync(CancellationToken.None);

        Assert.Equal([true, false], _announced.Select(a => a.Changed));
        Assert.NotEqual(_announced[0].Document.UpdatedAt, _announced[1].Document.UpdatedAt);
        Assert.Same(_announced[1].Document, _publisher.Latest);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_restart_in_progress_is_a_change_and_so_is_the_running_after_it()
    {
        Pydecnet(PydecnetStates.Running, 4242);
        await _publisher.PublishAsync(CancellationToken.None);
        Pydecnet(PydecnetStates.Restarting, null);
        await _publisher.RefreshAsync(CancellationToken.None);
        Pydecnet(PydecnetStates.Running, 4250);
        await _publisher.RefreshAsync(CancellationToken.None);

        Assert.Equal([true, true, true], _announced.Select(a => a.Changed));
        Assert.Equal([PydecnetStates.Running, PydecnetStates.Restarting, PydecnetStates.Running], _announced.Select(a => a.Document.Pydecnet.State));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refresh_announces_without_writing_the_heartbeat_file()
    {
        await _publisher.RefreshAsync(CancellationToken.None);

        Assert.Single(_announced);
        Assert.False(File.Exists(StatusFile));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_document_the_file_could_not_take_is_still_announced()
    {
        Directory.CreateDirectory(StatusFile);

        await _publisher.PublishAsync(CancellationToken.None);

        Assert.Single(_announced);
    }

    [Fact]
    public void Vitals_and_ages_do_not_change_the_fingerprint_but_a_queued_alert_does()
    {
        var document = new StatusDocument { UpdatedAt = Now };
        var later = new StatusDocument { UpdatedAt = Now.AddSeconds(30), Host = new HostStatus { Load5 = 3.5, MemAvailableBytes = 1 } };
        later.Outbox.OldestQueuedAgeSeconds = 99;
        var queued = new StatusDocument { UpdatedAt = Now };
        queued.Outbox.Queued = 1;

        Assert.Equal(StatusPublisher.Fingerprint(document), StatusPublisher.Fingerprint(later));
        Assert.NotEqual(StatusPublisher.Fingerprint(document), StatusPublisher.Fingerprint(queued));
    }

    private void Pydecnet(string state, int? pid) =>
        new WatchdogStore(_db.Database).Save("watchdog", new WatchdogState(state, _time.GetUtcNow(), pid, _time.GetUtcNow()), [], []);
}
