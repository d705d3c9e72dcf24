using System.Runtime.CompilerServices;
using HecnetJobs.Config;
using HecnetJobs.Status;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Web;

/// <summary>
/// The daemon's loops of this area: the status page when <c>web.enabled</c>, the metrics textfile when
/// <c>metrics.textfile</c> is set, none otherwise. Kestrel's assemblies are loaded only when the page is on.
/// </summary>
public static class WebLoops
{
    public static IReadOnlyList<DaemonLoop> Create(HecnetJobsOptions options, Database database, StatusPublisher status, TimeProvider time, ILoggerFactory loggerFactory)
    {
        if (!options.Web.Enabled && options.Metrics.Textfile is null)
            return [];
        var counters = new MetricsCounters(database, time, status.Latest?.Daemon.StartedAt ?? time.GetUtcNow());
        var nodeName = options.Alerts.NodeName;
        var loops = new List<DaemonLoop>();
        if (options.Metrics.Textfile is { } file)
        {
            var textfile = new MetricsTextfile(file, counters, database, nodeName, loggerFactory.CreateLogger("HecnetJobs.Metrics"));
            status.Published += textfile.OnPublished;
            if (status.Latest is { } latest)
                textfile.OnPublished(latest, changed: true);
            loops.Add(new DaemonLoop("metrics textfile", textfile.RunAsync));
        }
        if (options.Web.Enabled)
            loops.Add(new DaemonLoop("status page", StatusPage(options, database, status, counters, time, loggerFactory)));
        return loops;
    }

    /// <summary>Kept apart (and never inlined) so that a daemon without the page never compiles code that names Kestrel's types.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Func<CancellationToken, Task> StatusPage(HecnetJobsOptions options, Database database, StatusPublisher status, MetricsCounters counters, TimeProvider time, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger("HecnetJobs.Web");
        var nodeName = options.Alerts.NodeName;
        var feed = new LiveFeed();
        var handler = new WebRequestHandler(options.Web, status, database, counters, feed, nodeName, time, logger);
        var pump = new LivePump(feed, status, database, document => Web.StatusPage.Payload(StatusPageData.Load(document, database, nodeName, time)), options.Web.WatchInterval, time, logger);
        status.Published += pump.OnPublished;
        return new WebServer(options.Web, handler, pump, loggerFactory).RunAsync;
    }
}
