namespace HecnetJobs.Setup;

/// <summary>
/// Finds PyDECnet, its <c>ncp</c> and its config where people put them: <c>PATH</c>, virtual environments in the user's
/// home, the system folders, other users' homes, and source checkouts (a folder with <c>decnet/main.py</c>, run as
/// <c>python3 -m decnet.main</c>). Nothing is run; only files are looked at.
/// </summary>
public sealed class ToolFinder(SetupPlaces places)
{
    private const string Program = "pydecnet";
    private const string NcpProgram = "ncp";

    /// <summary>Every PyDECnet found, the most likely first (on PATH, then installed scripts, then source checkouts), without duplicates.</summary>
    public IReadOnlyList<PydecnetInstall> FindPydecnet()
    {
        var found = new List<PydecnetInstall>();
        void Add(string? path, string where)
        {
            if (path is not null && IsExecutable(path) && !found.Exists(f => f.Command == path))
                found.Add(new PydecnetInstall(path, [], null, NcpBeside(path), where));
        }

        Add(OnPath(Program), "on PATH");
        foreach (var bin in VenvBins(places.Home))
            Add(Path.Combine(bin, Program), "virtual environment");
        foreach (var bin in places.SystemBins)
            Add(Path.Combine(bin, Program), "installed");
        foreach (var root in places.SystemRoots)
        {
            foreach (var bin in VenvBins(root))
                Add(Path.Combine(bin, Program), "virtual environment");
        }
        foreach (var home in Children(places.HomesRoot))
        {
            foreach (var bin in VenvBins(home))
                Add(Path.Combine(bin, Program), "virtual environment");
        }
        foreach (var checkout in Checkouts())
        {
            if (Checkout(checkout) is { } install && !found.Exists(f => f.WorkingDirectory == install.WorkingDirectory))
                found.Add(install);
        }
        return found;
    }

    /// <summary>The <c>ncp</c> beside <paramref name="pydecnetCommand"/> (same folder), else on PATH, else in the system folders; null when there is none.</summary>
    public string? FindNcp(string? pydecnetCommand)
    {
        if (pydecnetCommand is not null && NcpBeside(pydecnetCommand) is { } beside)
            return beside;
        return OnPath(NcpProgram) ?? places.SystemBins.Select(b => Path.Combine(b, NcpProgram)).FirstOrDefault(IsExecutable);
    }

    /// <summary>A source checkout at <paramref name="folder"/> (it holds <c>decnet/main.py</c>), run by the first <c>python3</c> on PATH; null when it is none.</summary>
    public PydecnetInstall? Checkout(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!File.Exists(Path.Combine(full, "decnet", "main.py")))
            return null;
        var python = OnPath("python3") ?? (IsExecutable("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        var ncp = Path.Combine(full, "applications", NcpProgram);
        return new PydecnetInstall(python, PydecnetInstall.ModuleArguments, full, IsExecutable(ncp) ? ncp : null, "source checkout");
    }

    /// <summary>The first executable called <paramref name="name"/> in the PATH folders, or null.</summary>
    public string? OnPath(string name) =>
        places.PathFolders.Select(f => Path.Combine(f, name)).FirstOrDefault(IsExecutable);

    /// <summary>The PyDECnet config files in the first of the usual places that has any: a file as it is, a folder's <c>*.conf</c> files except the names files another one includes.</summary>
    public IReadOnlyList<string> FindConfigs()
    {
        foreach (var place in places.ConfigPlaces)
        {
            if (File.Exists(place))
                return [Path.GetFullPath(place)];
            var files = Files(place, "*.conf");
            if (files.Count == 0)
                continue;
            var included = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                try
                {
                    included.UnionWith(new Pydecnet.PydecnetConfigReader().Read(file).NamesIncludes.Select(i => i.Path));
                }
                catch (HecnetJobsException)
                {
                    // A file PyDECnet cannot read either is still offered: the question then says what is wrong with it.
                }
            }
            var topLevel = files.Where(f => !included.Contains(f)).ToList();
            if (topLevel.Count > 0)
                return topLevel;
        }
        return [];
    }

    /// <summary>True for an existing file with an execute bit.</summary>
    public static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    private static string? NcpBeside(string command)
    {
        var ncp = Path.Combine(Path.GetDirectoryName(command) ?? ".", NcpProgram);
        return IsExecutable(ncp) ? ncp : null;
    }

    /// <summary>The <c>bin</c> folders of virtual environments one level below <paramref name="root"/> (<c>~/pydecnet-venv/bin</c>, <c>~/.local/bin</c>).</summary>
    private static IEnumerable<string> VenvBins(string? root) =>
        Children(root).Select(c => Path.Combine(c, "bin")).Where(Directory.Exists);

    /// <summary>Folders that may be a checkout's package folder: each root's children and their <c>pydecnet</c> subfolder (the layout of PyDECnet's git repository).</summary>
    private IEnumerable<string> Checkouts()
    {
        var roots = new List<string>();
        if (places.Home is { } home)
            roots.AddRange(Children(home));
        foreach (var root in places.SystemRoots)
            roots.AddRange([root, .. Children(root)]);
        foreach (var other in Children(places.HomesRoot))
            roots.AddRange(Children(other));
        return roots.SelectMany(r => new[] { r, Path.Combine(r, Program) });
    }

    private static List<string> Children(string? folder)
    {
        try
        {
            return folder is not null && Directory.Exists(folder) ? Directory.GetDirectories(folder).Order(StringComparer.Ordinal).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A home folder of mode 700 hides what is inside; PyDECnet there could not be run by the service anyway.
            return [];
        }
    }

    private static List<string> Files(string folder, string pattern)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
