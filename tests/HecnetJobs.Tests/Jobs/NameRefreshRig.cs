using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Names;
using HecnetJobs.Pydecnet;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace HecnetJobs.Tests.Jobs;

/// <summary>
/// A PyDECnet config folder (node.conf of 9.54 SAMPLE including names.dat with <c>node @names.dat</c>) and a HecnetJobs
/// store beside it, for running the name-refresh job in this process. Restart is off unless a test says otherwise.
/// </summary>
public sealed class NameRefreshRig : IDisposable
{
    public const string Job = "name-refresh";

    public NameRefreshRig(string names = "1.13 MIM\n")
    {
        Directory.CreateDirectory(DataDir);
        Database = new Database(Path.Combine(DataDir, "hecnetjobs.db"));
        Database.Migrate();
        Dir.Write("node.conf", "routing 9.54 --type l2router\nnode 9.54 SAMPLE\nnode @names.dat\n");
        Dir.Write("names.dat", names);
    }

    public TempDir Dir { get; } = new();

    public string DataDir => Dir.File("data");

    public string NamesFile => Dir.File("names.dat");

    public Database Database { get; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Fast settings for loopback: 5 s per attempt, 2 retries 1 ms apart.</summary>
    public NameRefreshOptions Names { get; set; } = new()
    {
        Timeout = TimeSpan.FromSeconds(5),
        Retries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        Restart = NamesRestartMode.Off,
    };

    public NamesState? State => new NamesStore(Database).Load(Job);

    public string NamesText => File.ReadAllText(NamesFile);

    public NameRefreshOptions NamesFrom(Uri url) => Copy(Names, url);

    public HecnetJobsOptions Options(Uri url, PydecnetOptions? pydecnet = null, WatchdogOptions? watchdog = null) => new()
    {
        ConfigFile = Dir.File("config.json"),
        DataDir = DataDir,
        JobsFile = Dir.File("jobs.xml"),
        Logging = new LoggingOptions { Dir = Path.Combine(DataDir, "logs") },
        Status = new StatusOptions { File = Path.Combine(DataDir, "status.json") },
        Housekeeping = new HousekeepingOptions(),
        Pydecnet = pydecnet ?? new PydecnetOptions { Arguments = [Dir.File("node.conf")], WorkingDirectory = Dir.Path, ConsoleLog = Path.Combine(DataDir, "console.log") },
        Watchdog = watchdog ?? new WatchdogOptions(),
        NameRefresh = NamesFrom(url),
    };

    public Task<JobOutcome> RunAsync(Uri url, CancellationToken cancellationToken = default) =>
        RunAsync(Options(url), cancellationToken);

    public async Task<JobOutcome> RunAsync(HecnetJobsOptions options, CancellationToken cancellationToken = default) =>
        await new NameRefreshJob(new JobServices(options, Database, Time, NullLoggerFactory.Instance))
            .RunAsync(new JobRunContext(Job, new Dictionary<string, string>(), "cli"), cancellationToken);

    /// <summary>Events of the job, oldest first.</summary>
    public IReadOnlyList<HistoryEvent> Events(params string[] kinds) =>
        new EventStore(Database).Since(Job, DateTimeOffset.UnixEpoch, kinds).Reverse().ToList();

    public IReadOnlyList<AlertRecord> Alerts() => new AlertStore(Database).Since(DateTimeOffset.UnixEpoch);

    public void Dispose() => Dir.Dispose();

    private static NameRefreshOptions Copy(NameRefreshOptions o, Uri url) => new()
    {
        Url = url,
        Timeout = o.Timeout,
        Retries = o.Retries,
        RetryDelay = o.RetryDelay,
        RetryDelayMax = o.RetryDelayMax,
        MaxBytes = o.MaxBytes,
        MaxShrinkPercent = o.MaxShrinkPercent,
        Pinned = o.Pinned,
        NamesFile = o.NamesFile,
        Include = o.Include,
        Restart = o.Restart,
        QuietHour = o.QuietHour,
        WatchdogJob = o.WatchdogJob,
    };

    /// <summary>PyDECnet's shipped HECnet list (1,229 entries).</summary>
    public static string NodenamesDat => File.ReadAllText(RepoPaths.Sample("nodenames.dat"));
}
