using HecnetJobs.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Jobs;

/// <summary>
/// The reminder and "cannot check" alerts, end to end with the simulator's ncp while a fake clock stands in for the
/// hours between checks (the job reads the time only through its TimeProvider).
/// </summary>
public sealed class LinkProbeAlertTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start) { AutoAdvanceAmount = TimeSpan.Zero };
    private LinkProbeSimulator _sim = null!;
    private LinkProbeRig _rig = null!;

    public async Task InitializeAsync()
    {
        _sim = await LinkProbeSimulator.StartAsync();
        _rig = new LinkProbeRig(_sim) { Time = _time };
        _time.SetLocalTimeZone(TimeZoneInfo.Utc);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _rig?.Dispose();
        _sim?.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_link_still_down_after_the_reminder_interval_gets_one_reminder()
    {
        var options = new LinkProbeOptions { NcpCommand = LinkProbeSimulator.Ncp, DownAfter = 1, RemindEvery = TimeSpan.FromHours(1) };
        await _sim.CtlAsync("unreachable", "MIM");
        await _rig.RunAsync(options);

        _time.Advance(TimeSpan.FromMinutes(59));
        await _rig.RunAsync(options);
        _time.Advance(TimeSpan.FromMinutes(2));
        await _rig.RunAsync(options);
        await _rig.RunAsync(options);

        Assert.Equal(["link MIM down", "link MIM still down (for 1 h 1 min)"], _rig.Alerts.Select(a => a.Subject));
        var reminder = _rig.Alerts[1];
        Assert.Equal(("link.still-down", "critical"), (reminder.Kind, reminder.Severity));
        Assert.StartsWith(
            "Link MIM has been down since 2026-11-23 04:00:00; the latest check: ncp reports node 1.13 (MIM) unreachable.\n"
            + "The next reminder comes in 1 h if it stays down; a message follows when it is up again.\n",
            reminder.Body);
    }

    [Fact(Timeout = 60_000)]
    public async Task Checks_unknown_for_too_long_raise_one_alert_and_the_first_check_that_tells_closes_it()
    {
        var options = new LinkProbeOptions { NcpCommand = LinkProbeSimulator.Ncp };
        await _rig.RunAsync(options);
        await _rig.RunAsync(options);
        _rig.ApiSocket = _sim.Dir.File("no-such.sock");

        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(2));
            await _rig.RunAsync(options);
        }
        _rig.ApiSocket = null;
        _time.Advance(TimeSpan.FromMinutes(2));
        await _rig.RunAsync(options);

        Assert.Equal(["link MIM cannot be checked for 30 min: PyDECnet not running", "link MIM can be checked again (after 40 min)"], _rig.Alerts.Select(a => a.Subject));
        Assert.Equal(("link.unknown", "warning"), (_rig.Alerts[0].Kind, _rig.Alerts[0].Severity));
        Assert.StartsWith(
            "Every check of link MIM since 2026-11-23 04:02:00 could not tell up from down: PyDECnet is not running: ncp found no API socket (FileNotFoundError).\n"
            + "Its last known state stays in force (unknown checks never change it): up since 2026-11-23 04:00:00.\n",
            _rig.Alerts[0].Body);
        Assert.Contains("FileNotFoundError", _rig.Alerts[0].Body[_rig.Alerts[0].Body.IndexOf("stderr:", StringComparison.Ordinal)..]);
        Assert.Equal(
            "Link MIM answers checks again after 40 min of unknown results: node 1.13 (MIM) is reachable: circuit DMC-0, next node 1.13 (MIM).\n"
            + "Its state: up since 2026-11-23 04:00:00.\n",
            _rig.Alerts[1].Body);
        Assert.Equal(LinkStates.Up, _rig.Links.Load("MIM")!.State);
    }
}
