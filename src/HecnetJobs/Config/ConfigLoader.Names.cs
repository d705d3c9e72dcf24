using System.Globalization;
using HecnetJobs.Jobs;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Config;

/// <summary>The <c>nameRefresh</c> section.</summary>
public static partial class ConfigLoader
{
    private const string NodeAtInclude = "node @file";
    private const string PlainInclude = "@file";

    private static NameRefreshOptions ReadNameRefresh(JsonSection section, string baseDir)
    {
        var defaults = new NameRefreshOptions();
        var url = ReadNamesUrl(section);
        var timeout = section.Duration("timeout", defaults.Timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        var retries = section.Int("retries", defaults.Retries, 0, 10);
        var retryDelay = section.Duration("retryDelay", defaults.RetryDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10));
        var retryDelayMax = section.Duration("retryDelayMax", defaults.RetryDelayMax, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        var maxBytes = section.Int("maxBytes", (int)defaults.MaxBytes, 1024, 256 * 1024 * 1024);
        var maxShrinkPercent = section.Int("maxShrinkPercent", defaults.MaxShrinkPercent, 0, 100);
        var pinned = ReadPinned(section);
        var namesFile = Absolute(baseDir, section.String("namesFile", example: "\"/etc/pydecnet/nodenames.dat\""));
        var include = section.String("include", example: $"\"{NodeAtInclude}\"") switch
        {
            null => null,
            NodeAtInclude => NamesInclude.NodeAt,
            PlainInclude => NamesInclude.Plain,
            var other => Bad(section, "include", $"'{other}' is not \"{NodeAtInclude}\" or \"{PlainInclude}\" (the form of the line in PyDECnet's config that includes the names file)"),
        };
        var (restart, quietHour) = ReadNamesRestart(section);
        var options = new NameRefreshOptions
        {
            Url = url ?? defaults.Url,
            Timeout = timeout,
            Retries = retries,
            RetryDelay = retryDelay,
            RetryDelayMax = retryDelayMax,
            MaxBytes = maxBytes,
            MaxShrinkPercent = maxShrinkPercent,
            Pinned = pinned ?? defaults.Pinned,
            NamesFile = namesFile,
            Include = include,
            Restart = restart,
            QuietHour = quietHour,
            WatchdogJob = section.String("watchdogJob", example: "\"watchdog\"") ?? defaults.WatchdogJob,
        };
        section.Finish();
        return options;
    }

    private static Uri? ReadNamesUrl(JsonSection section)
    {
        if (section.String("url", example: "\"http://mim.stupi.net/hecnod\"") is not { } text)
            return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "file")
            return url;
        section.Error("url", $"'{text}' is not an http, https or file URL (e.g. \"http://mim.stupi.net/hecnod\" or \"file:///var/lib/hecnetjobs/hecnod.txt\")");
        return null;
    }

    private static (NamesRestartMode Mode, TimeOnly? QuietHour) ReadNamesRestart(JsonSection section)
    {
        switch (section.String("restart", example: "\"now\""))
        {
            case null or "now":
                return (NamesRestartMode.Now, null);
            case "off":
                return (NamesRestartMode.Off, null);
            case var text when text.Length == 5 && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at):
                return (NamesRestartMode.QuietHour, at);
            case var text:
                section.Error("restart", $"'{text}' is not \"now\", \"off\" or a time of day \"HH:MM\" (e.g. \"04:30\", the restart waits for it)");
                return (NamesRestartMode.Now, null);
        }
    }

    private static List<NodeEntry>? ReadPinned(JsonSection section)
    {
        if (section.StringList("pinned", example: "[\"1.13 MIM\"]") is not { } texts)
            return null;
        var pinned = new List<NodeEntry>();
        foreach (var text in texts)
        {
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && DecnetAddress.TryParse(fields[0], out var address) && NamesRules.Problems(new NodeEntry(address, fields[1].ToUpperInvariant())).Count == 0)
                pinned.Add(new NodeEntry(address, fields[1].ToUpperInvariant()));
            else
                section.Error("pinned", $"'{text}' is not a node entry '<area>.<node> <name>' with area 1-63, node 1-1023 and a name of 1-6 letters or digits (e.g. \"1.13 MIM\")");
        }
        return pinned;
    }

    private static NamesInclude? Bad(JsonSection section, string key, string message)
    {
        section.Error(key, message);
        return null;
    }
}
