using System.Net;
using HecnetJobs.Alerts;
using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Status;
using HecnetJobs.Store;
using HecnetJobs.Tests.Store;
using HecnetJobs.Tests.Support;
using HecnetJobs.Web;

namespace HecnetJobs.Tests.Web;

/// <summary>
/// The status page's real Kestrel server in this process, on a free loopback port, over a real database in a temporary
/// folder: the parts the daemon wires together (publisher, counters, live feed, pump, handler), without the daemon.
/// </summary>
internal sealed class WebRig : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private WebRig(WebOptions web, TimeProvider time)
    {
        Web = web;
        Time = time;
        Options = TestOptions.In(Db.Dir.Path, alerts: new AlertsOptions { NodeName = "SAMPLE" });
        Status = new StatusPublisher(Options, new JobRunStore(Db.Database), time, Logs, "daemon")
        {
            Schedule = new JobSchedule(
            [
                new JobDefinition("watchdog", "DEFAULT", WatchdogJob.Type.Name, null, new Dictionary<string, string>(), []),
                new JobDefinition("link-probe", "DEFAULT", LinkProbeJob.Type.Name, null, new Dictionary<string, string>(), []),
                new JobDefinition("name-refresh", "DEFAULT", NameRefreshJob.Type.Name, null, new Dictionary<string, string>(), []),
            ], true),
        };
        Counters = new MetricsCounters(Db.Database, time, time.GetUtcNow());
        Feed = new LiveFeed();
        var logger = Logs.CreateLogger("HecnetJobs.Web");
        var handler = new WebRequestHandler(web, Status, Db.Database, Counters, Feed, "SAMPLE", time, logger);
        var pump = new LivePump(Feed, Status, Db.Database, d => StatusPage.Payload(StatusPageData.Load(d, Db.Database, "SAMPLE", time)), web.WatchInterval, time, logger);
        Status.Published += pump.OnPublished;
        Server = new WebServer(web, handler, pump, Logs);
    }

    public TestDatabase Db { get; } = new();

    public ListLoggerFactory Logs { get; } = new();

    public WebOptions Web { get; }

    public TimeProvider Time { get; }

    public HecnetJobs.Config.HecnetJobsOptions Options { get; }

    public StatusPublisher Status { get; }

    public MetricsCounters Counters { get; }

    public LiveFeed Feed { get; }

    public WebServer Server { get; }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Task Running => _running;

    public Uri Url(string path) => new(Server.Address!, path);

    /// <summary>Starts the server (after <paramref name="prepare"/> wrote history) and waits until it listens.</summary>
    public static async Task<WebRig> StartAsync(WebOptions? web = null, TimeProvider? time = null, Action<WebRig>? prepare = null)
    {
        var rig = new WebRig(web ?? new WebOptions { Enabled = true, Listen = new IPEndPoint(IPAddress.Loopback, 0) }, time ?? TimeProvider.System);
        prepare?.Invoke(rig);
        await rig.Status.PublishAsync(CancellationToken.None);
        rig._running = Task.Run(() => rig.Server.RunAsync(rig._stop.Token));
        await Poll.UntilAsync(() => rig.Server.Address is not null || rig._running.IsCompleted, "the status page to listen", () => rig.Logs.Text);
        return rig;
    }

    /// <summary>Writes the watchdog's state row, as a watchdog run would.</summary>
    public void Pydecnet(string state, int? pid, string? problem = null) =>
        new WatchdogStore(Db.Database).Save("watchdog", new WatchdogState(state, Time.GetUtcNow(), pid, Time.GetUtcNow(), Problem: problem), [], []);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The server's loop ends by cancellation, as in the daemon.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        Status.Dispose();
        _stop.Dispose();
        Db.Dispose();
    }
}
