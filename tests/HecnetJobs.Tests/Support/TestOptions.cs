using HecnetJobs.Alerts;
using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Pydecnet;
using HecnetJobs.Status;

namespace HecnetJobs.Tests.Support;

/// <summary>Options as a config in <c>folder</c> would give them, for tests that build services without a config file.</summary>
internal static class TestOptions
{
    /// <summary>Thresholds no machine reaches: the test machine's own disk, memory and load must not leak into expectations.</summary>
    public static readonly VitalsThresholds NoVitals = new()
    {
        DiskCriticalBytes = 0,
        DiskWarnBytes = 0,
        DiskWarnFraction = 0,
        MemWarnBytes = 0,
        LoadWarnPerCpu = double.MaxValue,
    };

    /// <summary>config.json and jobs.xml in <paramref name="folder"/>, the data folder <c>folder/data</c> unless given; every other section default.</summary>
    public static HecnetJobsOptions In(string folder, string? dataDir = null, VitalsThresholds? vitals = null, LinkProbeOptions? linkProbe = null, AlertsOptions? alerts = null)
    {
        var data = dataDir ?? Path.Combine(folder, "data");
        return new HecnetJobsOptions
        {
            ConfigFile = Path.Combine(folder, "config.json"),
            DataDir = data,
            JobsFile = Path.Combine(folder, "jobs.xml"),
            Logging = new LoggingOptions { Dir = Path.Combine(data, "logs") },
            Status = new StatusOptions { File = Path.Combine(data, "status.json") },
            Housekeeping = new HousekeepingOptions(),
            Pydecnet = new PydecnetOptions { WorkingDirectory = data, ConsoleLog = Path.Combine(data, "pydecnet-console.log") },
            Watchdog = new WatchdogOptions(),
            Vitals = vitals ?? NoVitals,
            LinkProbe = linkProbe ?? new LinkProbeOptions(),
            Alerts = alerts ?? new AlertsOptions(),
        };
    }
}
