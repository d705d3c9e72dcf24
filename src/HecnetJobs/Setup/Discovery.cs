using HecnetJobs.Pydecnet;

namespace HecnetJobs.Setup;

/// <summary>What setup found on this machine before asking anything: PyDECnet installs, its ncp, running PyDECnet processes and config files.</summary>
public sealed record Discovery(IReadOnlyList<PydecnetInstall> Installs, string? Ncp, IReadOnlyList<RunningPydecnet> Running, IReadOnlyList<string> ConfigFiles)
{
    /// <summary>Looks in the places of <paramref name="places"/>.</summary>
    public static Discovery Run(SetupPlaces places, ToolFinder tools)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(tools);
        var installs = tools.FindPydecnet();
        var running = (OperatingSystem.IsLinux()
            ? new RunningPydecnetFinder(new ProcessTable(places.ProcRoot), places.ProcRoot, tools)
            : new RunningPydecnetFinder(Platform.HostPlatform.Current.Processes, null, tools)).Find();
        var ncp = installs.Count > 0 ? installs[0].Ncp ?? tools.FindNcp(installs[0].Command) : tools.FindNcp(null);
        return new Discovery(installs, ncp, running, tools.FindConfigs());
    }

    /// <summary>The config files to offer: those of the one running PyDECnet, else those found in the usual places.</summary>
    public IReadOnlyList<string> DefaultConfigFiles => Running.Count == 1 && Running[0].ConfigFiles.Count > 0 ? Running[0].ConfigFiles : ConfigFiles;

    /// <summary>The lines that show what was found.</summary>
    public IEnumerable<string> Describe()
    {
        yield return "Found:";
        if (Installs.Count == 0)
        {
            yield return "  pydecnet: not found (looked on PATH, in virtual environments under the home folders, /usr/local/bin, /opt/pydecnet, and for source checkouts with decnet/main.py)";
        }
        else
        {
            yield return $"  pydecnet: {Installs[0].Display} ({Installs[0].Where})";
            foreach (var other in Installs.Skip(1).Take(3))
                yield return $"            also {other.Display} ({other.Where})";
        }
        yield return $"  ncp:      {Ncp ?? "not found"}";
        if (Running.Count == 0)
            yield return "  running:  no PyDECnet process";
        foreach (var process in Running)
            yield return $"  running:  PID {process.Pid}: {process.Display}";
        yield return DefaultConfigFiles.Count == 0
            ? "  config:   no PyDECnet config file in the usual places (/etc/pydecnet.conf, /etc/pydecnet/*.conf, /usr/local/etc/pydecnet)"
            : $"  config:   {string.Join(' ', DefaultConfigFiles)}";
    }

    /// <summary>One line saying what PyDECnet's config gives HecnetJobs.</summary>
    public static string Summary(PydecnetConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var parts = new List<string>();
        if (config.OwnAddress is { } address)
            parts.Add($"node {address}{(config.OwnName is { } name ? $" {name}" : "")}");
        parts.Add($"api socket {config.ApiSocketPath}");
        if (config.HttpPort is { } port)
            parts.Add($"http port {port}{(config.HttpAddress is { } bound ? $" on {bound}" : "")}");
        parts.Add(config.NamesIncludes.Count == 0
            ? "no names file"
            : string.Join(", ", config.NamesIncludes.Select(i => $"names file {(i.Form == NamesInclude.NodeAt ? "node @" : "@")}{i.Path}")));
        if (config.FirstCircuit is { } circuit)
            parts.Add($"circuit {circuit.Name}");
        return $"  read: {string.Join("; ", parts)}";
    }
}
