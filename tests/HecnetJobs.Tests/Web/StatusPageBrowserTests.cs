using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using HecnetJobs.Jobs;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace HecnetJobs.Tests.Web;

/// <summary>
/// The status page in a real browser (Debian's headless Chromium through Playwright): what it shows of the simulator,
/// how it follows a crash live, how the timeline draws a scripted history, and how it fits a phone. Screenshots go to
/// .build/test-results/.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class StatusPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private static readonly string Schedule =
        TestFiles.Job("watchdog", "watchdog") + TestFiles.SimpleTrigger("watchdog-hourly", "watchdog", 3_600_000) +
        TestFiles.Job("link-probe", "link-probe") + TestFiles.SimpleTrigger("link-probe-often", "link-probe", 1_000);

    private readonly SimNode _sim = new();
    private DaemonFixture? _daemon;

    public void Dispose()
    {
        _daemon?.Dispose();
        _sim.Dispose();
    }

    [BrowserFact(Timeout = 120_000)]
    public async Task The_page_shows_the_simulators_pydecnet_and_its_link_to_mim()
    {
        var (daemon, url) = await StartDaemonAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(url.ToString());
        await Poll.UntilAsync(() => _sim.SimPid is not null, "the watchdog to start the simulator", () => daemon.Stderr);
        var pid = _sim.SimPid!.Value.ToString(CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("#pydecnet-state")).ToHaveTextAsync("running", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#pydecnet-pid")).ToHaveTextAsync(pid, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".link[data-target='MIM'] h3 .badge")).ToHaveTextAsync("up", new() { Timeout = 30_000 });

        await Assertions.Expect(page.Locator("#live")).ToHaveClassAsync(LiveOn());
        await Assertions.Expect(page).ToHaveTitleAsync(TitlePattern());
        await Assertions.Expect(page.Locator("li[data-job='link-probe'] .badge")).ToHaveTextAsync("success");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artefacts, "status-page-simulator.png"), FullPage = true });
    }

    [BrowserFact(Timeout = 120_000)]
    public async Task A_crash_of_the_simulator_shows_restarting_then_running_without_a_reload()
    {
        var (daemon, url) = await StartDaemonAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url.ToString());
        await Poll.UntilAsync(() => _sim.SimPid is not null, "the watchdog to start the simulator", () => daemon.Stderr);
        var first = _sim.SimPid!.Value;
        await Assertions.Expect(page.Locator("#pydecnet-pid")).ToHaveTextAsync(first.ToString(CultureInfo.InvariantCulture), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#live")).ToHaveClassAsync(LiveOn());
        // Every state the page shows is recorded as it is swapped in; the marker dies with a reload.
        await page.EvaluateAsync("""
            () => {
              window.loadedOnce = true;
              window.states = [];
              new MutationObserver(() => {
                const state = document.getElementById('pydecnet-state');
                if (state && window.states[window.states.length - 1] !== state.textContent) window.states.push(state.textContent);
              }).observe(document.getElementById('pydecnet'), { childList: true, subtree: true, characterData: true });
            }
            """);

        await _sim.CrashAsync(first);

        var states = await UntilAsync(() => page.EvaluateAsync<string[]>("() => window.states"),
            seen => Array.IndexOf(seen, "restarting") is var at and >= 0 && Array.IndexOf(seen, "running", at) > at,
            seen => $"the page to show restarting, then running; states seen: [{string.Join(", ", seen)}]\n{daemon.Stderr}");
        Assert.Equal("running", states[^1]);
        var second = _sim.SimPid!.Value;
        Assert.NotEqual(first, second);
        await Assertions.Expect(page.Locator("#pydecnet-pid")).ToHaveTextAsync(second.ToString(CultureInfo.InvariantCulture));
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page was reloaded");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));
    }

    [BrowserFact(Timeout = 120_000)]
    public async Task The_timelines_draw_one_red_segment_per_outage_of_a_scripted_history_and_fit_a_phone()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        await using var rig = await WebRig.StartAsync(time: new FakeTimeProvider(now), prepare: r => ScriptedHistory(r, now));
        var page = await browser.NewPageAsync(390, 844);

        await page.GotoAsync(rig.Url("/").ToString());

        var mim = page.Locator(".link[data-target='MIM']");
        Assert.Equal(3, await mim.Locator(".bar[data-window='24h'] svg rect.down").CountAsync());
        Assert.Equal(5, await mim.Locator(".bar[data-window='7d'] svg rect.down").CountAsync());
        await Assertions.Expect(mim.Locator(".bar[data-window='24h'] p")).ToHaveTextAsync("last 24 h: 96.53% up, 3 outages");
        Assert.Equal("down 11-23 10:00 to 10:15 (15 min): MIM unreachable; diagnosis: circuit DMC-0 down",
            await mim.Locator(".bar[data-window='24h'] svg rect.down title").Last.TextContentAsync());
        await Assertions.Expect(page.Locator("#restarts li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#names-diff")).ToContainTextAsync("added: 1.7 NEWA, 1.8 NEWB");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "the page is wider than a 390 px phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artefacts, "status-page-phone.png"), FullPage = true });
    }

    private async Task<(HecnetJobsProcess Daemon, Uri Url)> StartDaemonAsync()
    {
        _daemon = new DaemonFixture(Schedule, _sim.ConfigSections() + $$"""
            ,
              "linkProbe": { "targets": ["MIM"], "ncpCommand": {{System.Text.Json.JsonSerializer.Serialize(RepoPaths.Sim("ncp"))}}, "upAfter": 1, "timeout": "10s" },
              "alerts": { "nodeName": "SAMPLE" },
              "web": { "enabled": true, "listen": "127.0.0.1:0" }
            """);
        var daemon = await _daemon.StartDaemonAsync();
        await daemon.WaitForLogAsync("Status page listening on ");
        return (daemon, new Uri(Listening().Match(daemon.Stderr).Groups[1].Value));
    }

    /// <summary>MIM up for 8 days with five outages, three in the last 24 hours; two restarts; a names change.</summary>
    private static void ScriptedHistory(WebRig rig, DateTimeOffset now)
    {
        var links = new LinkStore(rig.Db.Database);
        var start = now - TimeSpan.FromDays(8);
        links.Save(new LinkState("MIM", LinkStates.Up, start, start, start), Check(start, LinkStates.Up), [Change(start, "MIM unknown -> up: MIM reachable")], []);
        foreach (var (ago, minutes) in new[] { (TimeSpan.FromHours(74), 20), (TimeSpan.FromHours(72), 10), (TimeSpan.FromHours(20), 30), (TimeSpan.FromHours(10), 5), (TimeSpan.FromHours(2), 15) })
        {
            var down = now - ago;
            var up = down + TimeSpan.FromMinutes(minutes);
            links.Save(new LinkState("MIM", LinkStates.Down, down, down, down), Check(down, LinkStates.Down),
                [Change(down, "MIM up -> down: MIM unreachable; diagnosis: circuit DMC-0 down")], []);
            links.Save(new LinkState("MIM", LinkStates.Up, up, up, up), Check(up, LinkStates.Up), [Change(up, "MIM down -> up: MIM reachable")], []);
        }
        links.Save(new LinkState("MIM", LinkStates.Up, now - TimeSpan.FromHours(2) + TimeSpan.FromMinutes(15), now - TimeSpan.FromMinutes(105), now - TimeSpan.FromMinutes(1)),
            Check(now - TimeSpan.FromMinutes(1), LinkStates.Up), [], []);

        rig.Pydecnet(PydecnetStates.Running, 4242);
        new WatchdogStore(rig.Db.Database).SaveEvents(
        [
            new HistoryEvent(now - TimeSpan.FromHours(30), "watchdog", WatchdogEvents.Restart, 4100, "crash: PID 4000 exited; PID 4100 answering after 412 ms"),
            new HistoryEvent(now - TimeSpan.FromHours(3), "watchdog", WatchdogEvents.Restart, 4242, "hung: no answer for 5 min; PID 4242 answering after 388 ms"),
        ], []);
        new NamesStore(rig.Db.Database).Save("name-refresh", new NamesState(Source: "http://mim.stupi.net/hecnod", NamesFile: "/etc/pydecnet/nodenames.dat",
            LastRefreshAt: now - TimeSpan.FromHours(6), Entries: 1406, Added: 2, Removed: 1),
            [new HistoryEvent(now - TimeSpan.FromHours(6), "name-refresh", NameRefreshEvents.Changed, null, "2 added, 1 removed\nadded: 1.7 NEWA, 1.8 NEWB\nremoved: 1.4 OLD")], []);

        static LinkCheck Check(DateTimeOffset at, string verdict) => new(at, "link-probe", "MIM", verdict, "node", $"MIM {verdict}", 0, 40);
        static HistoryEvent Change(DateTimeOffset at, string detail) => new(at, "link-probe", LinkEvents.State, null, detail);
    }

    /// <summary>Reads from the page until the condition holds, with a generous deadline (the machine is shared); says what was seen when it gives up.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, Func<T, string> what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (condition(value))
                return value;
            if (TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"gave up after 60 s waiting for {what(value)}");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"Status page listening on (http://127\.0\.0\.1:[0-9]+/)")]
    private static partial Regex Listening();

    [GeneratedRegex(@"\blive on\b")]
    private static partial Regex LiveOn();

    [GeneratedRegex("^SAMPLE: (OK|WARNING) - HecnetJobs$")]
    private static partial Regex TitlePattern();
}
