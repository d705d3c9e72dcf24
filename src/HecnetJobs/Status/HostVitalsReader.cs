using System.Globalization;

namespace HecnetJobs.Status;

/// <summary>Reads free disk space, memory and load averages from the running host without throwing for what it cannot read.</summary>
/// <remarks>
/// A path's mount is found by the longest matching mount root among <see cref="DriveInfo.GetDrives"/>, compared as text
/// after <see cref="Path.GetFullPath(string)"/>; symbolic links are not followed, so a link to another file system is
/// measured where the link sits. DriveInfo rather than statvfs keeps this portable and names the mount point for messages.
/// </remarks>
public static class HostVitalsReader
{
    internal const string DefaultProcRoot = "/proc";

    /// <summary>Reads the host's vitals, with the free space of the file system under each of <paramref name="paths"/>.</summary>
    public static HostVitals Read(IEnumerable<string> paths) => Read(paths, DefaultProcRoot);

    internal static HostVitals Read(IEnumerable<string> paths, string procRoot)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var drives = ReadyDrives();
        var disks = new List<DiskSpace>();
        foreach (var path in paths)
        {
            if (Measure(path, drives) is { } disk)
                disks.Add(disk);
        }

        var meminfo = ReadText(Path.Combine(procRoot, "meminfo"));
        var loads = ReadText(Path.Combine(procRoot, "loadavg"))?.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries) ?? [];
        return new HostVitals(
            disks,
            MemInfoBytes(meminfo, "MemAvailable"),
            MemInfoBytes(meminfo, "MemTotal"),
            Load(loads, 0),
            Load(loads, 1),
            Load(loads, 2));
    }

    /// <summary>Picks the mount root that covers <paramref name="path"/>: the longest root that is a whole-segment prefix of it.</summary>
    /// <returns>The index of the chosen root in <paramref name="roots"/>, or -1 when none covers the path.</returns>
    internal static int FindMount(string path, IReadOnlyList<string> roots)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var best = -1;
        for (var i = 0; i < roots.Count; i++)
        {
            var root = roots[i];
            var covers = root.EndsWith(Path.DirectorySeparatorChar)
                ? path.StartsWith(root, comparison) || string.Equals(path + Path.DirectorySeparatorChar, root, comparison)
                : string.Equals(path, root, comparison)
                    || (path.StartsWith(root, comparison) && path[root.Length] == Path.DirectorySeparatorChar);
            // ">=" so that of two mounts on the same root the later one wins: it is mounted over the earlier.
            if (covers && (best < 0 || TrimmedLength(root) >= TrimmedLength(roots[best])))
                best = i;
        }
        return best;
    }

    /// <summary>Walks up from <paramref name="path"/> to the nearest folder or file that exists, for a path not created yet.</summary>
    internal static string NearestExisting(string path)
    {
        var current = Path.GetFullPath(path);
        while (!Path.Exists(current) && Path.GetDirectoryName(current) is { } parent)
            current = parent;
        return current;
    }

    private static DiskSpace? Measure(string path, List<DriveInfo> drives)
    {
        var index = FindMount(NearestExisting(path), [.. drives.Select(d => d.RootDirectory.FullName)]);
        if (index < 0)
            return null;
        var drive = drives[index];
        try
        {
            return new DiskSpace(path, drive.RootDirectory.FullName, drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (IOException)
        {
            // The mount went away (a USB stick pulled) or stopped answering between listing and asking.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static List<DriveInfo> ReadyDrives()
    {
        try
        {
            return [.. DriveInfo.GetDrives()];
        }
        catch (IOException)
        {
            // On Linux the list comes from /proc/self/mountinfo; without it no path can be measured.
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static int TrimmedLength(string root) => root.TrimEnd(Path.DirectorySeparatorChar).Length;

    /// <summary>Finds "Key:   1234 kB" in /proc/meminfo and returns the bytes.</summary>
    private static long? MemInfoBytes(string? meminfo, string key)
    {
        if (meminfo is null)
            return null;
        foreach (var line in meminfo.Split('\n'))
        {
            if (!line.StartsWith(key + ":", StringComparison.Ordinal))
                continue;
            var value = line[(key.Length + 1)..].Trim();
            if (!value.EndsWith(" kB", StringComparison.Ordinal))
                return null;
            return long.TryParse(value[..^3].TrimEnd(), NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
                && kb <= long.MaxValue / 1024
                    ? kb * 1024
                    : null;
        }
        return null;
    }

    // "NaN" and "Infinity" parse even without a sign or an exponent allowed, hence the finiteness check.
    private static double? Load(string[] fields, int index) =>
        index < fields.Length
        && double.TryParse(fields[index], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var load)
        && double.IsFinite(load)
            ? load
            : null;

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            // No /proc (Windows, macOS, a locked-down container): those vitals are unknown, not an error.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
