using System.Globalization;
using HecnetJobs.Platform;

namespace HecnetJobs.Pydecnet;

/// <summary>What the locator found: the PyDECnet processes and, when the PID file was not usable, why.</summary>
/// <param name="Pids">Matching live processes, lowest PID first; more than one is itself a problem.</param>
/// <param name="Note">Why the PID file was not used (missing, garbage, stale), or null.</param>
public sealed record LocateResult(IReadOnlyList<int> Pids, string? Note);

/// <summary>
/// Finds the owner's PyDECnet: from its PID file when there is one (checking that the PID is alive and really is
/// PyDECnet, since PIDs are reused), else by scanning the process table for the configured command line.
/// </summary>
internal sealed class PydecnetLocator(PydecnetOptions options, IProcessList processes)
{
    public LocateResult Locate()
    {
        string? note = null;
        if (options.PidFile is { } pidFile)
        {
            var (pid, problem) = ReadPidFile(pidFile);
            if (pid is { } found)
            {
                if (Matches(processes.CommandLine(found)) && processes.IsAlive(found))
                    return new LocateResult(ScanWith(found), null);
                problem = processes.IsAlive(found)
                    ? $"PID file {pidFile} names PID {found}, which is another program (stale PID file)"
                    : $"PID file {pidFile} names PID {found}, which is not running (stale PID file)";
            }
            note = problem;
        }
        return new LocateResult(Scan(), note);
    }

    /// <summary>True when a command line is this PyDECnet: the configured program (directly or run by an interpreter) followed by the configured arguments.</summary>
    public bool Matches(IReadOnlyList<string>? commandLine)
    {
        if (commandLine is null || commandLine.Count == 0 || options.Command is null)
            return false;
        var program = Path.GetFileName(options.Command);
        // The console script runs as "<venv>/bin/python <venv>/bin/pydecnet ARGS"; a direct start shows "pydecnet ARGS";
        // "python3 -m decnet.main ARGS" has the module where the script would be.
        for (var start = 0; start < Math.Min(2, commandLine.Count); start++)
        {
            if (Path.GetFileName(commandLine[start]) == program && FollowedBy(commandLine, start + 1, options.Arguments))
                return true;
        }
        return false;
    }

    private static bool FollowedBy(IReadOnlyList<string> commandLine, int from, IReadOnlyList<string> expected)
    {
        if (commandLine.Count - from != expected.Count)
            return false;
        for (var i = 0; i < expected.Count; i++)
        {
            if (commandLine[from + i] != expected[i])
                return false;
        }
        return true;
    }

    // The command line first (one read per process); the state only for the few that match.
    private List<int> Scan() => processes.Pids().Where(pid => Matches(processes.CommandLine(pid)) && processes.IsAlive(pid)).Order().ToList();

    private List<int> ScanWith(int pid)
    {
        // A PID file answers the common case at once; the scan still runs so that a second instance is reported.
        var all = Scan();
        if (!all.Contains(pid))
            all.Insert(0, pid);
        return all;
    }

    private static (int? Pid, string? Problem) ReadPidFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"PID file {path} cannot be read ({e.Message})");
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0)
            return (pid, null);
        var shown = text.Length > 20 ? text[..20] + "..." : text;
        return (null, $"PID file {path} holds '{shown}', not a process number (ignored)");
    }
}
