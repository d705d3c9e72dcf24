using HecnetJobs.Jobs;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Config;

/// <summary>The <c>pydecnet</c>, <c>watchdog</c> and <c>pause</c> sections.</summary>
public static partial class ConfigLoader
{
    private static PydecnetOptions ReadPydecnet(JsonSection section, string baseDir, string dataDir)
    {
        var command = section.String("command", example: "\"/usr/local/bin/pydecnet\"");
        var arguments = section.StringList("arguments", example: "[\"-L\", \"/var/log/pydecnet/node.log\", \"/etc/pydecnet/node.conf\"]") ?? [];
        var workingDirectory = Absolute(baseDir, section.String("workingDirectory")) ?? dataDir;
        // Paths inside PyDECnet's own arguments are relative to the folder it runs in, not to this config file.
        var daemonPidFile = arguments.Contains("--daemon") || arguments.Contains("-d")
            ? ValueAfter(arguments, "--pid-file") ?? "/var/run/pydecnet.pid"
            : null;
        var options = new PydecnetOptions
        {
            // A bare program name is looked up on PATH at start time; anything with a slash is a path from the config's folder.
            Command = command is null || !command.Contains('/') ? command : Absolute(baseDir, command),
            Arguments = arguments,
            WorkingDirectory = workingDirectory,
            ConsoleLog = Absolute(baseDir, section.String("consoleLog")) ?? Path.Combine(dataDir, "pydecnet-console.log"),
            LogFile = Absolute(baseDir, section.String("logFile")) ?? Absolute(workingDirectory, ValueAfter(arguments, "-L", "--log-file")),
            PidFile = Absolute(baseDir, section.String("pidFile")) ?? Absolute(workingDirectory, daemonPidFile),
            ApiSocket = Absolute(baseDir, section.String("apiSocket")) ?? PydecnetOptions.DefaultApiSocket,
            HttpPort = section.Int("httpPort", 0, 1, 65535) is var port and > 0 ? port : null,
        };
        section.Finish();
        return options;
    }

    private static WatchdogOptions ReadWatchdog(JsonSection section, ConfigErrors errors)
    {
        var errorsBefore = errors.Lines.Count;
        var options = new WatchdogOptions
        {
            ProbeTimeout = section.Duration("probeTimeout", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)),
            HangAfter = section.Duration("hangAfter", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            StopGrace = section.Duration("stopGrace", TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            StartTimeout = section.Duration("startTimeout", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            RestartBurst = section.Int("restartBurst", 5, 1, 100),
            RestartWindow = section.Duration("restartWindow", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)),
            BackoffInitial = section.Duration("backoffInitial", TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            BackoffMax = section.Duration("backoffMax", TimeSpan.FromHours(1), TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)),
            AlertEachRestart = section.Bool("alertEachRestart", true),
            ReactToExit = section.Bool("reactToExit", true),
            MainLoopGap = section.Duration("mainLoopGap", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
        };
        if (errors.Lines.Count == errorsBefore && options.BackoffMax < options.BackoffInitial)
            section.Error("backoffMax", $"'{Duration.Format(options.BackoffMax)}' must not be shorter than watchdog.backoffInitial ('{Duration.Format(options.BackoffInitial)}')");
        section.Finish();
        return options;
    }

    private static Scheduling.PauseOptions ReadPause(JsonSection section, ConfigErrors errors)
    {
        var errorsBefore = errors.Lines.Count;
        var options = new Scheduling.PauseOptions
        {
            Default = section.Duration("default", TimeSpan.FromHours(2), TimeSpan.FromMinutes(1), TimeSpan.FromDays(7)),
            Max = section.Duration("max", TimeSpan.FromHours(24), TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)),
        };
        if (errors.Lines.Count == errorsBefore && options.Max < options.Default)
            section.Error("max", $"'{Duration.Format(options.Max)}' must not be shorter than pause.default ('{Duration.Format(options.Default)}')");
        section.Finish();
        return options;
    }

    private static Status.VitalsThresholds ReadVitals(JsonSection section)
    {
        const long MiB = 1024 * 1024;
        var options = new Status.VitalsThresholds
        {
            DiskCriticalBytes = section.Int("diskCriticalMiB", 100, 0, 1_000_000) * MiB,
            DiskWarnBytes = section.Int("diskWarnMiB", 500, 0, 1_000_000) * MiB,
            DiskWarnFraction = section.Int("diskWarnPercent", 5, 0, 100) / 100.0,
            MemWarnBytes = section.Int("memoryWarnMiB", 50, 0, 1_000_000) * MiB,
            LoadWarnPerCpu = section.Int("loadWarnPerCpu", 4, 1, 1000),
        };
        section.Finish();
        return options;
    }

    /// <summary>The argument after the first of <paramref name="names"/>, also in the <c>--name=value</c> form.</summary>
    private static string? ValueAfter(IReadOnlyList<string> arguments, params string[] names)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            foreach (var name in names)
            {
                if (arguments[i] == name && i + 1 < arguments.Count)
                    return arguments[i + 1];
                if (name.StartsWith("--", StringComparison.Ordinal) && arguments[i].StartsWith(name + "=", StringComparison.Ordinal))
                    return arguments[i][(name.Length + 1)..];
            }
        }
        return null;
    }
}
