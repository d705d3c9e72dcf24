using System.Globalization;
using System.Text;

namespace HecnetJobs.Pydecnet;

/// <summary>Reads processes from /proc: who is alive, and with which command line. A process that vanishes mid-read is simply gone.</summary>
internal sealed class ProcessTable(string procRoot = "/proc")
{
    /// <summary>The command line of a live process (not a zombie), or null.</summary>
    public IReadOnlyList<string>? CommandLine(int pid)
    {
        if (!IsAlive(pid))
            return null;
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
            // The state letter follows the command name, which is in parentheses and may itself contain ')'.
            var close = stat.LastIndexOf(')');
            if (close < 0 || close + 2 >= stat.Length)
                return false;
            return stat[close + 2] is not ('Z' or 'X' or 'x');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
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
