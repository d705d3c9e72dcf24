using System.Text.Json;
using HecnetJobs.Jobs;

namespace HecnetJobs.Config;

/// <summary>Reads and validates the JSON config file; every problem is one line naming the file and key, all reported together (exit code 78).</summary>
public static partial class ConfigLoader
{
    private static readonly string[] LogLevels = ["Trace", "Debug", "Info", "Warn", "Error"];

    /// <summary>Loads the file at <paramref name="path"/>; relative paths inside it are taken from the file's folder.</summary>
    public static HecnetJobsOptions Load(string path)
    {
        var errors = new ConfigErrors(path);
        if (Directory.Exists(path))
            throw new HecnetJobsException($"{path}: is a folder, expected the JSON config file", ExitCodes.Config);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new HecnetJobsException($"{path}: no such file (see docs/configuration.md for a starting point)", ExitCodes.Config);
        }
        catch (DirectoryNotFoundException)
        {
            throw new HecnetJobsException($"{path}: no such file (its folder does not exist)", ExitCodes.Config);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new HecnetJobsException($"{path}: cannot be read ({Reason(e)})", ExitCodes.Config, e);
        }

        if (string.IsNullOrWhiteSpace(text))
            throw new HecnetJobsException($"{path}: the file is empty, expected an object {{ \"dataDir\": ... }}", ExitCodes.Config);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                // A key written twice is a mistake; the later value must not win silently.
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new HecnetJobsException($"{path}: line {line}, column {column}: not valid JSON ({TrimJsonMessage(e.Message)})", ExitCodes.Config, e);
        }

        using (document)
        {
            var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var options = Read(document.RootElement, baseDir, errors);
            if (errors.Any || options is null)
                throw errors.ToException();
            return options;
        }
    }

    private static HecnetJobsOptions? Read(JsonElement rootElement, string baseDir, ConfigErrors errors)
    {
        if (JsonSection.Root(rootElement, errors) is not { } root)
            return null;

        var dataDir = Absolute(baseDir, root.String("dataDir", required: true, example: "\"/var/lib/hecnetjobs\""));
        var jobsFile = Absolute(baseDir, root.String("jobsFile")) ?? Path.Combine(baseDir, "jobs.xml");
        if (!File.Exists(jobsFile))
            root.Error("jobsFile", $"'{jobsFile}' does not exist (the schedules file; see jobs.xml in the repository)");

        var loggingSection = root.Section("logging");
        var logging = new LoggingOptions
        {
            Level = loggingSection.Choice("level", "Info", LogLevels),
            Dir = Absolute(baseDir, loggingSection.String("dir")) ?? Path.Combine(dataDir ?? baseDir, "logs"),
            KeepFiles = loggingSection.Int("keepFiles", 14, 1, 365),
        };
        loggingSection.Finish();

        var statusSection = root.Section("status");
        var errorsBefore = errors.Lines.Count;
        var status = new StatusOptions
        {
            File = Absolute(baseDir, statusSection.String("file")) ?? Path.Combine(dataDir ?? baseDir, "status.json"),
            Interval = statusSection.Duration("interval", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            StaleAfter = statusSection.Duration("staleAfter", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(2), TimeSpan.FromDays(7)),
        };
        // Only when both values are the user's own and valid: a follow-on error about a value nobody wrote misleads.
        if (errors.Lines.Count == errorsBefore && status.StaleAfter <= status.Interval)
            statusSection.Error("staleAfter", $"'{Duration.Format(status.StaleAfter)}' must be longer than status.interval ('{Duration.Format(status.Interval)}'), or every heartbeat would look stale");
        statusSection.Finish();

        var housekeepingSection = root.Section("housekeeping");
        var housekeeping = new HousekeepingOptions
        {
            Retention = housekeepingSection.Duration("retention", HousekeepingOptions.DefaultRetention, TimeSpan.FromHours(1), TimeSpan.FromDays(3650)),
        };
        housekeepingSection.Finish();

        var pydecnet = ReadPydecnet(root.Section("pydecnet"), baseDir, dataDir ?? baseDir);
        var watchdog = ReadWatchdog(root.Section("watchdog"), errors);
        var nameRefresh = ReadNameRefresh(root.Section("nameRefresh"), baseDir);
        var pause = ReadPause(root.Section("pause"), errors);
        var vitals = ReadVitals(root.Section("vitals"));
        var linkProbe = ReadLinkProbe(root.Section("linkProbe"), baseDir);
        var alerts = ReadAlerts(root.Section("alerts"), baseDir, dataDir ?? baseDir, errors);
        var web = ReadWeb(root.Section("web"), errors);
        var metrics = ReadMetrics(root.Section("metrics"), baseDir);

        root.Finish();
        if (dataDir is null)
            return null;
        return new HecnetJobsOptions
        {
            ConfigFile = errors.FileLabel,
            DataDir = dataDir,
            JobsFile = jobsFile,
            Logging = logging,
            Status = status,
            Housekeeping = housekeeping,
            Pydecnet = pydecnet,
            Watchdog = watchdog,
            NameRefresh = nameRefresh,
            Pause = pause,
            Vitals = vitals,
            LinkProbe = linkProbe,
            Alerts = alerts,
            Web = web,
            Metrics = metrics,
        };
    }

    private static string? Absolute(string baseDir, string? path) =>
        path is null ? null : Path.GetFullPath(path, baseDir);

    private static string TrimJsonMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    internal static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
