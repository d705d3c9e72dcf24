using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using HecnetJobs.Platform;

namespace HecnetJobs.Pydecnet;

/// <summary>Reads processes from /proc: who is alive, and with which command line. A process that vanishes mid-read is simply gone.</summary>
[SupportedOSPlatform("linux")]
internal sealed class ProcessTable(string procRoot = "/proc") : IProcessList
{
    /// <summary>The command line of a live process, or null (a zombie's and a kernel thread's are empty).</summary>
    public IReadOnlyList<string>? CommandLine(int pid)
    {
        // No stat read first: the scan reads one file per process, which keeps the "never two" re-check cheap.
        byte[] raw;
        try
        {
            raw = File.ReadAllBytes(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "cmdline"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (raw.Length == 0)
            return null;
        var text = Encoding.UTF8.GetString(raw).TrimEnd('\0');
        return text.Split('\0');
    }

    /// <summary>True when the process exists and is not a zombie (a zombie's exit is final; only its parent's reaping is missing).</summary>
    public bool IsAlive(int pid)
    {
        if (pid <= 0)
            return false;
        try
        {
            var stat = File.ReadAllText(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "stat"));
            if (ProcStatLine.Parse(stat) is not { } line || line.Pid != pid)
                return false;
            if (line.State is not ('Z' or 'X' or 'x'))
                return true;
            // A leader that has exited shows 'Z' while its other threads still run (and may hold PyDECnet's socket):
            // the process is gone only when no task is left but the leader.
            return Directory.GetDirectories(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "task")).Length > 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The <c>btime</c> line of /proc/stat (seconds since the epoch), or null when it is missing or not a number.</summary>
    public DateTimeOffset? BootTime()
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(procRoot, "stat")))
            {
                if (!line.StartsWith("btime ", StringComparison.Ordinal))
                    continue;
                return long.TryParse(line.AsSpan(6).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>Every numeric entry of /proc.</summary>
    public IEnumerable<int> Pids()
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(procRoot).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var entry in entries)
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                yield return pid;
        }
    }
}
