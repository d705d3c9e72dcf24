using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HecnetJobs.Jobs;

namespace HecnetJobs.Config;

/// <summary>The <c>linkProbe</c> section.</summary>
public static partial class ConfigLoader
{
    private static readonly string[] DownSeverities = [Status.StatusStates.Critical, Status.StatusStates.Warning];

    private static LinkProbeOptions ReadLinkProbe(JsonSection section, string baseDir)
    {
        var targets = ReadTargets(section);
        var command = section.String("ncpCommand", example: "\"/usr/local/bin/ncp\"");
        var timeout = section.Duration("timeout", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        var downAfter = section.Int("downAfter", 2, 1, 100);
        var upAfter = section.Int("upAfter", 2, 1, 100);
        var remindEvery = section.DurationOrOff("remindEvery", TimeSpan.FromHours(12), TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        var unknownAlertAfter = section.DurationOrOff("unknownAlertAfter", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        var internet = ReadEndpoints(section, "internetCheck");
        var circuit = section.String("circuit", example: "\"DMC-0\"");
        if (circuit is not null && !CircuitName().IsMatch(circuit))
        {
            section.Error("circuit", $"'{circuit}' is not a circuit name (e.g. \"DMC-0\", as 'ncp show known circuits' lists it)");
            circuit = null;
        }
        var (downIs, downIsByTarget) = section.ChoiceByName("downIs", Status.StatusStates.Critical, DownSeverities, LinkTargets.Normalize, LinkTargets.Expected);
        section.Finish();
        return new LinkProbeOptions
        {
            Targets = targets,
            // A bare program name is looked up on PATH at run time; anything with a slash is a path from the config's folder.
            NcpCommand = command is null ? "ncp" : command.Contains('/') ? Absolute(baseDir, command)! : command,
            Timeout = timeout,
            DownAfter = downAfter,
            UpAfter = upAfter,
            RemindEvery = remindEvery,
            UnknownAlertAfter = unknownAlertAfter,
            InternetCheck = internet,
            Circuit = circuit?.ToUpperInvariant(),
            DownIsDefault = downIs,
            DownIs = downIsByTarget,
        };
    }

    private static List<string> ReadTargets(JsonSection section)
    {
        if (section.StringList("targets", example: "[\"MIM\", \"1.2\"]") is not { } list)
            return ["MIM"];
        if (list.Count == 0)
        {
            section.Error("targets", "[] is an empty list, expected at least one node (e.g. [\"MIM\"]); remove the link-probe job from jobs.xml to probe nothing");
            return ["MIM"];
        }
        var targets = new List<string>();
        foreach (var entry in list)
        {
            if (LinkTargets.Normalize(entry) is not { } target)
                section.Error("targets", $"'{entry}' is not {LinkTargets.Expected}");
            else if (!targets.Contains(target))
                targets.Add(target);
        }
        return targets.Count > 0 ? targets : ["MIM"];
    }

    private static List<DnsEndPoint> ReadEndpoints(JsonSection section, string key)
    {
        var endpoints = new List<DnsEndPoint>();
        foreach (var entry in section.StringList(key, example: "[\"192.0.2.7:17101\", \"1.1.1.1:53\"]") ?? [])
        {
            var match = HostPort().Match(entry.Trim());
            if (match.Success && int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
                endpoints.Add(new DnsEndPoint(match.Groups["v6"].Success ? match.Groups["v6"].Value : match.Groups["host"].Value, port));
            else
                section.Error(key, $"'{entry}' is not host:port with a port from 1 to 65535 (e.g. \"192.0.2.7:17101\", \"[2001:db8::1]:53\")");
        }
        return endpoints;
    }

    [GeneratedRegex(@"^(?:\[(?<v6>[0-9A-Fa-f:.]+)\]|(?<host>[A-Za-z0-9._-]+)):(?<port>[0-9]{1,5})$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPort();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex CircuitName();
}
