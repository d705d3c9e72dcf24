using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Status;
using HecnetJobs.Store;
using HecnetJobs.Tests.Status;
using HecnetJobs.Tests.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The status file's links section and the problems a link raises for <c>hecnetjobs status</c>.</summary>
public sealed class LinkProbeStatusTests : IDisposable
{
    private static readonly DateTimeOffset Now = StatusSamples.Now;

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Each_probed_target_is_listed_with_state_since_last_check_last_change_confirmed_and_reason()
    {
        Save(new LinkState("MIM", LinkStates.Up, Since: Now.AddHours(-3), LastChange: Now.AddMinutes(-174), LastCheck: Now.AddMinutes(-1),
            LastVerdict: "up", LastReason: "node 1.13 (MIM) is reachable", UpCount: 90));

        var link = Build(new LinkProbeOptions()).Links["MIM"];

        Assert.Equal(("up", "up", "node 1.13 (MIM) is reachable"), (link.State, link.Confirmed, link.Reason));
        Assert.Equal((Now.AddHours(-3), Now.AddMinutes(-174), Now.AddMinutes(-1)), (link.Since!.Value, link.LastChange!.Value, link.LastCheck!.Value));
    }

    [Fact]
    public void A_down_link_is_critical_with_its_since_time()
    {
        Save(Down("MIM"));

        var document = Build(new LinkProbeOptions());

        Assert.Equal(StatusStates.Critical, document.State);
        Assert.Equal([$"link MIM down since {Local(Now.AddMinutes(-35))}"], document.Problems);
        Assert.Equal(NagiosCodes.Critical, StatusReport.From(new StatusReadResult(document, NagiosCodes.Ok, null), Now, TimeSpan.FromMinutes(5)).Code);
    }

    [Fact]
    public void A_down_link_of_a_target_configured_as_warning_is_a_warning()
    {
        Save(Down("ERNIE"));
        var options = new LinkProbeOptions { Targets = ["ERNIE"], DownIs = new Dictionary<string, string> { ["ERNIE"] = "warning" } };

        var document = Build(options);

        Assert.Equal(StatusStates.Warning, document.State);
        Assert.Equal([$"link ERNIE down since {Local(Now.AddMinutes(-35))}"], document.Problems);
    }

    [Fact]
    public void A_down_link_that_cannot_be_checked_now_stays_critical_and_shows_unknown()
    {
        Save(Down("MIM") with { UnknownSince = Now.AddMinutes(-4), LastVerdict = "unknown", LastReason = "PyDECnet is not running: ncp found no API socket (FileNotFoundError)" });

        var document = Build(new LinkProbeOptions());

        Assert.Equal(("unknown", "down"), (document.Links["MIM"].State, document.Links["MIM"].Confirmed));
        Assert.Equal(Now.AddMinutes(-4), document.Links["MIM"].Since);
        Assert.Equal([$"link MIM down since {Local(Now.AddMinutes(-35))} (cannot check now: PyDECnet is not running: ncp found no API socket (FileNotFoundError))"], document.Problems);
        Assert.Equal(StatusStates.Critical, document.State);
    }

    [Fact]
    public void A_link_unknown_longer_than_the_unknown_alert_time_is_a_warning_and_a_shorter_one_is_not()
    {
        Save(new LinkState("MIM", LinkStates.Up, Since: Now.AddDays(-1), UnknownSince: Now.AddMinutes(-31), LastReason: "ncp timed out"));
        Save(new LinkState("ERNIE", LinkStates.Up, Since: Now.AddDays(-1), UnknownSince: Now.AddMinutes(-29), LastReason: "ncp timed out"));

        var document = Build(new LinkProbeOptions { Targets = ["MIM", "ERNIE"] });

        Assert.Equal([$"link MIM cannot be checked since {Local(Now.AddMinutes(-31))}: ncp timed out"], document.Problems);
        Assert.Equal(StatusStates.Warning, document.State);
    }

    [Fact]
    public void A_target_no_longer_probed_leaves_the_links_section()
    {
        Save(Down("OLDNOD"));
        Save(Down("MIM") with { State = LinkStates.Up });

        var document = Build(new LinkProbeOptions());

        Assert.Equal(["MIM"], document.Links.Keys);
        Assert.Equal(StatusStates.Ok, document.State);
    }

    [Fact]
    public void Targets_named_in_a_job_data_map_are_probed_targets()
    {
        Save(Down("ERNIE"));
        var job = new JobDefinition("link-probe-ernie", "DEFAULT", LinkProbeJob.Type.Name, null, new Dictionary<string, string> { ["targets"] = "ernie" }, []);

        var document = Build(new LinkProbeOptions(), job);

        Assert.Equal(["ERNIE"], document.Links.Keys);
    }

    [Fact]
    public void The_human_summary_shows_each_link_with_how_long_its_state_has_held()
    {
        Save(Down("MIM"));

        var text = StatusReport.From(new StatusReadResult(Build(new LinkProbeOptions()), NagiosCodes.Ok, null), Now, TimeSpan.FromMinutes(5)).HumanText(Now);

        Assert.Contains("\nLink MIM: down for 35m\n", text);
    }

    private static LinkState Down(string target) => new(target, LinkStates.Down, Since: Now.AddMinutes(-35), LastChange: Now.AddMinutes(-33),
        LastCheck: Now.AddMinutes(-1), LastVerdict: "down", LastReason: $"ncp reports node {target} unreachable", DownCount: 18);

    private void Save(LinkState state) =>
        new LinkStore(_db.Database).Save(state, new LinkCheck(Now, "link-probe", state.Target, "down", "unreachable", "x", 0, 10), [], []);

    private StatusDocument Build(LinkProbeOptions options, JobDefinition? job = null)
    {
        var hecnetjobs = TestOptions.In(_db.Dir.Path, linkProbe: options);
        job ??= new JobDefinition("link-probe", "DEFAULT", LinkProbeJob.Type.Name, null, new Dictionary<string, string>(), []);
        using var publisher = new StatusPublisher(hecnetjobs, new JobRunStore(_db.Database), _time, NullLoggerFactory.Instance, "daemon")
        {
            Schedule = new JobSchedule([job], true),
        };
        return publisher.Build(new Dictionary<string, DateTimeOffset>());
    }

    private static string Local(DateTimeOffset time) => $"{TimeZoneInfo.ConvertTime(time, TimeZoneInfo.Local):yyyy-MM-dd HH:mm}";
}
