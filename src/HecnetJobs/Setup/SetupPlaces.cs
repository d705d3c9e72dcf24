namespace HecnetJobs.Setup;

/// <summary>Where <c>setup</c> looks for PyDECnet, its <c>ncp</c> and its config, and who runs it; the public factory reads this machine, tests give their own folders.</summary>
public sealed record SetupPlaces
{
    /// <summary>The folders of <c>PATH</c>, in order.</summary>
    public required IReadOnlyList<string> PathFolders { get; init; }

    /// <summary>The user's home folder (<c>$HOME</c>), searched first for virtual environments and source checkouts; null when unset.</summary>
    public string? Home { get; init; }

    /// <summary>The folder holding everybody's home folders, searched after the system places (root sets up a service for PyDECnet installed by <c>pi</c>).</summary>
    public string? HomesRoot { get; init; } = "/home";

    /// <summary>Folders where a system-wide <c>pydecnet</c> and <c>ncp</c> are installed.</summary>
    public IReadOnlyList<string> SystemBins { get; init; } = ["/usr/local/bin", "/opt/pydecnet/bin"];

    /// <summary>Folders that may hold a virtual environment (<c>*/bin/pydecnet</c>) or a source checkout (<c>decnet/main.py</c>).</summary>
    public IReadOnlyList<string> SystemRoots { get; init; } = ["/opt/pydecnet", "/usr/local/src"];

    /// <summary>PyDECnet config files, or folders whose <c>*.conf</c> files are, in the usual places.</summary>
    public IReadOnlyList<string> ConfigPlaces { get; init; } = ["/etc/pydecnet.conf", "/etc/pydecnet", "/usr/local/etc/pydecnet.conf", "/usr/local/etc/pydecnet"];

    /// <summary>The process table read for a running PyDECnet.</summary>
    public string ProcRoot { get; init; } = "/proc";

    /// <summary>True when setup runs as root: the defaults are then the service's paths (<c>/etc/hecnetjobs</c>, <c>/var/lib/hecnetjobs</c>).</summary>
    public bool IsRoot { get; init; }

    /// <summary>This machine's name, the node name in alerts when PyDECnet's config names none.</summary>
    public string HostName { get; init; } = "localhost";

    /// <summary>The places of this machine and this process's environment.</summary>
    public static SetupPlaces FromEnvironment() => new()
    {
        PathFolders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries),
        Home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : null,
        IsRoot = Environment.IsPrivilegedProcess,
        HostName = Environment.MachineName,
    };
}
