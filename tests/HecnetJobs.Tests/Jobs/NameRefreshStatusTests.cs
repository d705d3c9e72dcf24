using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Names;
using HecnetJobs.Pydecnet;
using HecnetJobs.Scheduling;
using HecnetJobs.Status;
using HecnetJobs.Store;
using HecnetJobs.Tests.Status;
using HecnetJobs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The status file's names section, from the name-refresh job's state.</summary>
public sealed class NameRefreshStatusTests : IDisposable
{
    private static readonly DateTimeOffset Now = StatusSamples.Now;

    private readonly NameRefreshRig _rig = new();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void Before_the_first_refresh_the_names_section_is_all_nulls()
    {
        var names = Build().Names;

        Assert.Equal((null, null, null, null, null, null), (names.LastRefresh, names.Source, names.Entries, names.Added, names.Refused, names.PendingRestart));
    }

    [Fact]
    public void A_refresh_shows_when_from_where_how_many_and_what_changed()
    {
        Save(new NamesState("http://mim.stupi.net/hecnod", "/etc/pydecnet/nodenames.dat", new ConditionalGet("\"x\"", null), "ab", Now - TimeSpan.FromHours(2), 1229, 3, 1, 2,
            PendingRestart: Now + TimeSpan.FromHours(5)));

        var document = Build();

        var names = document.Names;
        Assert.Equal((Now - TimeSpan.FromHours(2), "http://mim.stupi.net/hecnod", "/etc/pydecnet/nodenames.dat", 1229), (names.LastRefresh, names.Source, names.File, names.Entries));
        Assert.Equal((3, 1, 2, null, Now + TimeSpan.FromHours(5)), (names.Added, names.Removed, names.Renamed, names.Refused, names.PendingRestart));
        Assert.Equal(StatusStates.Ok, document.State);
    }

    [Fact]
    public void A_refused_list_is_shown_with_its_reason_and_is_a_warning()
    {
        Save(new NamesState(Refused: "the list is empty", RefusedAt: Now - TimeSpan.FromMinutes(10)));

        var document = Build();

        Assert.Equal("the list is empty", document.Names.Refused);
        Assert.Equal(StatusStates.Warning, document.State);
        Assert.Equal($"node list refused at {TimeZoneInfo.ConvertTime(Now - TimeSpan.FromMinutes(10), _time.LocalTimeZone):yyyy-MM-dd HH:mm}, names file kept: the list is empty", Assert.Single(document.Problems));
    }

    private void Save(NamesState state) => new NamesStore(_rig.Database).Save(NameRefreshRig.Job, state, [], []);

    private StatusDocument Build()
    {
        var options = _rig.Options(new Uri("http://mim.stupi.net/hecnod"));
        var withVitals = new HecnetJobsOptions
        {
            ConfigFile = options.ConfigFile,
            DataDir = options.DataDir,
            JobsFile = options.JobsFile,
            Logging = options.Logging,
            Status = options.Status,
            Housekeeping = options.Housekeeping,
            Pydecnet = options.Pydecnet,
            Watchdog = options.Watchdog,
            NameRefresh = options.NameRefresh,
            Vitals = TestOptions.NoVitals,
        };
        using var publisher = new StatusPublisher(withVitals, new JobRunStore(_rig.Database), _time, NullLoggerFactory.Instance, "daemon")
        {
            Schedule = new JobSchedule([new JobDefinition(NameRefreshRig.Job, "DEFAULT", NameRefreshJob.Type.Name, null, new Dictionary<string, string>(), [])], true),
        };
        return publisher.Build(new Dictionary<string, DateTimeOffset>());
    }
}
