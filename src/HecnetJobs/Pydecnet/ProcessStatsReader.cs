using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace HecnetJobs.Pydecnet;

/// <summary>Reads process snapshots from /proc without ever throwing for a process that exits while it is being read.</summary>
/// <remarks>
/// Every method has an internal overload that takes the /proc root, so tests can point it at a folder of made-up files.
/// On systems without /proc (Windows, macOS) every process reads as gone.
/// </remarks>
public static partial class ProcessStatsReader
{
    internal const string DefaultProcRoot = "/proc";

    private const int ScClockTicks = 2; // _SC_CLK_TCK in glibc and musl on every Linux architecture.
    private const int ClockTicksIfUnknown = 100; // USER_HZ: 100 on every mainstream Linux build.

    /// <summary>Gets the kernel's clock ticks per second (USER_HZ), the unit of CPU and start times in /proc/PID/stat.</summary>
    internal static long ClockTicksPerSecond { get; } = ReadClockTicks();

    /// <summary>Reads a snapshot of process <paramref name="pid"/>, or returns null when it is gone or cannot be read.</summary>
    public static ProcessStats? TryRead(int pid) => TryRead(pid, DefaultProcRoot);

    /// <summary>Tells whether process <paramref name="pid"/> is a zombie (exited, not yet reaped by its parent).</summary>
    public static bool IsZombie(int pid) => IsZombie(pid, DefaultProcRoot);

    /// <summary>Lists the ids of the processes /proc shows, in ascending order; empty where there is no /proc.</summary>
    public static IReadOnlyList<int> ListPids() => ListPids(DefaultProcRoot);

    internal static ProcessStats? TryRead(int pid, string procRoot)
    {
        var folder = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture));

        // Each file is read once and the process may exit between any two reads: the first file found missing
        // means it is gone, whatever the earlier ones said.
        if (ReadText(Path.Combine(folder, "stat")) is not { } statText
            || ProcStatLine.Parse(statText) is not { } stat
            || stat.Pid != pid)
        {
            return null;
        }
        if (ReadText(Path.Combine(folder, "status")) is not { } statusText)
            return null;
        if (ReadBytes(Path.Combine(folder, "cmdline")) is not { } cmdline)
            return null;

        // status gives VmRSS in kB and Threads exactly; stat's page count and thread count stand in where a line is
        // missing (kernel threads have no VmRSS) or garbled.
        var rssBytes = StatusValue(statusText, "VmRSS") is { } rssKb && rssKb <= long.MaxValue / 1024
            ? rssKb * 1024
            : Math.Min(stat.RssPages, long.MaxValue / Environment.SystemPageSize) * Environment.SystemPageSize;
        var threads = StatusValue(statusText, "Threads") is { } count && count <= int.MaxValue ? (int)count : stat.Threads;

        return new ProcessStats(
            pid,
            rssBytes,
            TicksToTime(stat.UserTicks > long.MaxValue - stat.SystemTicks ? long.MaxValue : stat.UserTicks + stat.SystemTicks),
            threads,
            StartTime(procRoot, stat.StartTicks),
            stat.Comm,
            SplitCommandLine(cmdline));
    }

    internal static bool IsZombie(int pid, string procRoot) =>
        ReadText(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "stat")) is { } text
        && ProcStatLine.Parse(text) is { State: 'Z' } stat
        && stat.Pid == pid;

    internal static IReadOnlyList<int> ListPids(string procRoot)
    {
        var pids = new List<int>();
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(procRoot))
            {
                if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0)
                    pids.Add(pid);
            }
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
        pids.Sort();
        return pids;
    }

    private static DateTimeOffset? StartTime(string procRoot, long startTicks)
    {
        // btime is the boot time in whole seconds since the epoch; the start time is ticks after it.
        if (ReadText(Path.Combine(procRoot, "stat")) is not { } text
            || FindValue(text, "btime", ' ') is not { } bootSeconds
            || bootSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }
        var boot = DateTimeOffset.FromUnixTimeSeconds(bootSeconds);
        var sinceBoot = TicksToTime(startTicks);
        return sinceBoot < DateTimeOffset.MaxValue - boot ? boot + sinceBoot : null;
    }

    private static TimeSpan TicksToTime(long ticks) =>
        ticks < TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerSecond
            ? TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / ClockTicksPerSecond)
            : TimeSpan.MaxValue;

    private static string[] SplitCommandLine(byte[] cmdline)
    {
        // Arguments end in NUL each; a zombie or a kernel thread has none at all.
        var text = Encoding.UTF8.GetString(cmdline).TrimEnd('\0');
        return text.Length == 0 ? [] : text.Split('\0');
    }

    private static long? StatusValue(string statusText, string key) =>
        FindValue(statusText, key + ":", '\t', ' ');

    /// <summary>Finds the line that starts with <paramref name="key"/> and parses the count that follows it (a " kB" unit is ignored).</summary>
    private static long? FindValue(string text, string key, params char[] separators)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal))
                continue;
            var rest = line[key.Length..];
            if (rest.Length == 0 || Array.IndexOf(separators, rest[0]) < 0)
                continue;
            var value = rest.Trim();
            if (value.EndsWith(" kB", StringComparison.Ordinal))
                value = value[..^3].TrimEnd();
            return ProcStatLine.TryParseCount(value, out var number) ? number : null;
        }
        return null;
    }

    private static string? ReadText(string path) => ReadBytes(path) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    private static byte[]? ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            // FileNotFound and DirectoryNotFound when the process has gone, ESRCH when it exits mid-read.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            // /proc mounted with hidepid, or another user's process under a hardened kernel: unreadable counts as gone.
            return null;
        }
    }

    private static long ReadClockTicks()
    {
        if (!OperatingSystem.IsLinux())
            return ClockTicksIfUnknown;
        var ticks = (long)SysConf(ScClockTicks);
        return ticks > 0 ? ticks : ClockTicksIfUnknown;
    }

    // C long is pointer-sized on Linux (LP64 on 64-bit, ILP32 on a 32-bit Raspberry Pi OS), hence nint.
    [LibraryImport("libc", EntryPoint = "sysconf")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial nint SysConf(int name);
}
