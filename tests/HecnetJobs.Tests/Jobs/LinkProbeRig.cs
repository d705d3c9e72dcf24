using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Pydecnet;
using HecnetJobs.Store;
using HecnetJobs.Tests.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace HecnetJobs.Tests.Jobs;

/// <summary>A link-probe job wired to a real database and the simulator's API socket, run the way the runner runs it.</summary>
internal sealed class LinkProbeRig(LinkProbeSimulator sim) : IDisposable
{
    public const string Job = "link-probe";

    private readonly TestDatabase _db = new();

    public string ConfigFile => _db.Dir.File("config.json");

    public LinkStore Links => new(_db.Database);

    public IReadOnlyList<AlertRecord> Alerts => new AlertStore(_db.Database).Since(DateTimeOffset.MinValue);

    public Database Database => _db.Database;

    /// <summary>The clock the job reads; the real one unless a test sets a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>The API socket given to ncp; the simulator's unless a test points it elsewhere.</summary>
    public string? ApiSocket { get; set; }

    public async Task<JobOutcome> RunAsync(LinkProbeOptions options, IReadOnlyDictionary<string, string>? data = null) =>
        await new LinkProbeJob(Services(options)).RunAsync(new JobRunContext(Job, data ?? new Dictionary<string, string>(), "cli"), CancellationToken.None);

    /// <summary>Runs the job <paramref name="times"/> times and returns the last outcome.</summary>
    public async Task<JobOutcome> RunTimesAsync(int times, LinkProbeOptions options)
    {
        JobOutcome? outcome = null;
        for (var i = 0; i < times; i++)
            outcome = await RunAsync(options);
        return outcome!;
    }

    public JobServices Services(LinkProbeOptions options) => new(Options(options), _db.Database, Time, NullLoggerFactory.Instance);

    public HecnetJobsOptions Options(LinkProbeOptions options) => new()
    {
        ConfigFile = ConfigFile,
        DataDir = _db.Dir.File("data"),
        JobsFile = _db.Dir.File("jobs.xml"),
        Logging = new LoggingOptions { Dir = _db.Dir.File("data/logs") },
        Status = new StatusOptions { File = _db.Dir.File("data/status.json") },
        Housekeeping = new HousekeepingOptions(),
        Pydecnet = new PydecnetOptions { WorkingDirectory = sim.Dir.Path, ConsoleLog = _db.Dir.File("console.log"), ApiSocket = ApiSocket ?? sim.ApiSocket },
        Watchdog = new WatchdogOptions(),
        LinkProbe = options,
    };

    /// <summary>Options pointing at the simulator's ncp, with the given changes.</summary>
    public static LinkProbeOptions Probe(int downAfter = 2, int upAfter = 2, string? circuit = null, TimeSpan? timeout = null, params string[] targets) => new()
    {
        NcpCommand = LinkProbeSimulator.Ncp,
        Targets = targets.Length == 0 ? ["MIM"] : targets,
        DownAfter = downAfter,
        UpAfter = upAfter,
        Circuit = circuit,
        Timeout = timeout ?? TimeSpan.FromSeconds(20),
    };

    public void Dispose() => _db.Dispose();
}
