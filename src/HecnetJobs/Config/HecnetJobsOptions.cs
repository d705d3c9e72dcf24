namespace HecnetJobs.Config;

/// <summary>Everything read from the config file, with paths made absolute against the config file's folder.</summary>
public sealed class HecnetJobsOptions
{
    /// <summary>The config file these options came from, as the user named it (used in messages).</summary>
    public required string ConfigFile { get; init; }

    /// <summary>Folder for the database, the lock file, the status file and logs. Required (e.g. <c>/var/lib/hecnetjobs</c>).</summary>
    public required string DataDir { get; init; }

    /// <summary>The schedules file. Default <c>jobs.xml</c> beside the config file.</summary>
    public required string JobsFile { get; init; }

    public required LoggingOptions Logging { get; init; }

    public required StatusOptions Status { get; init; }

    public required Jobs.HousekeepingOptions Housekeeping { get; init; }

    public required Pydecnet.PydecnetOptions Pydecnet { get; init; }

    public required Jobs.WatchdogOptions Watchdog { get; init; }

    /// <summary>The <c>nameRefresh</c> section: the node list's source, its checks, the names file and the restart.</summary>
    public Jobs.NameRefreshOptions NameRefresh { get; init; } = new();

    public Scheduling.PauseOptions Pause { get; init; } = new();

    /// <summary>The <c>vitals</c> section: thresholds for free disk space, available memory and load.</summary>
    public Status.VitalsThresholds Vitals { get; init; } = new();

    /// <summary>The <c>linkProbe</c> section: targets, ncp, debounce, reminders and the down-link diagnosis.</summary>
    public Jobs.LinkProbeOptions LinkProbe { get; init; } = new();
    /// <summary>The <c>alerts</c> section: node name, retries and delivery channels (docs/alerts.md).</summary>
    public Alerts.AlertsOptions Alerts { get; init; } = new();

    /// <summary>The <c>web</c> section: the optional read-only status page (docs/status-page.md).</summary>
    public Web.WebOptions Web { get; init; } = new();

    /// <summary>The <c>metrics</c> section: the node_exporter textfile.</summary>
    public Web.MetricsOptions Metrics { get; init; } = new();

    /// <summary>The folders whose free space is watched: the data folder and the folder of PyDECnet's log.</summary>
    public IReadOnlyList<string> WatchedFolders =>
        new[] { DataDir, Path.GetDirectoryName(Pydecnet.LogFile ?? Pydecnet.ConsoleLog)! }.Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The SQLite database holding Quartz's tables and HecnetJobs' own.</summary>
    public string DatabaseFile => Path.Combine(DataDir, "hecnetjobs.db");

    /// <summary>The instance lock file.</summary>
    public string LockFile => Path.Combine(DataDir, "hecnetjobs.lock");
}

/// <summary>The <c>logging</c> section.</summary>
public sealed class LoggingOptions
{
    /// <summary>Lowest level written: Trace, Debug, Info, Warn, Error. Default Info.</summary>
    public string Level { get; init; } = "Info";

    /// <summary>Folder of the rolling log file. Default <c>&lt;dataDir&gt;/logs</c>.</summary>
    public required string Dir { get; init; }

    /// <summary>Archived log files kept (one a day). Default 14, range 1–365.</summary>
    public int KeepFiles { get; init; } = 14;
}

/// <summary>The <c>status</c> section: the heartbeat file.</summary>
public sealed class StatusOptions
{
    /// <summary>Where the heartbeat file is written. Default <c>&lt;dataDir&gt;/status.json</c>.</summary>
    public required string File { get; init; }

    /// <summary>How often the daemon rewrites the file when nothing happens. Default 30 s, range 1 s–1 h.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A heartbeat older than this is CRITICAL for <c>status</c>. Default 5 min; must exceed the interval.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(5);
}
