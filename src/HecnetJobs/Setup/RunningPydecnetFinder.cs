using HecnetJobs.Platform;

namespace HecnetJobs.Setup;

/// <summary>Finds PyDECnet processes by their command line: the <c>pydecnet</c> script (run by its interpreter, <c>python pydecnet ARGS</c>) or <c>python -m decnet.main ARGS</c>.</summary>
/// <param name="processes">The machine's processes (/proc on Linux).</param>
/// <param name="procRoot">Where a process's working folder is read (<c>/proc/PID/cwd</c>); null where there is no /proc.</param>
/// <param name="tools">Finds a bare program name on PATH.</param>
internal sealed class RunningPydecnetFinder(IProcessList processes, string? procRoot, ToolFinder tools)
{
    private readonly IProcessList _processes = processes;

    /// <summary>Every live PyDECnet, lowest PID first.</summary>
    public IReadOnlyList<RunningPydecnet> Find()
    {
        var found = new List<RunningPydecnet>();
        foreach (var pid in _processes.Pids().Order())
        {
            if (_processes.CommandLine(pid) is { } commandLine && Read(pid, commandLine) is { } running && _processes.IsAlive(pid))
                found.Add(running);
        }
        return found;
    }

    private RunningPydecnet? Read(int pid, IReadOnlyList<string> commandLine)
    {
        var cwd = WorkingDirectory(pid);
        // "<venv>/bin/python3 <venv>/bin/pydecnet ARGS" as the kernel runs a script; "pydecnet ARGS" for a binary wrapper.
        for (var start = 0; start < Math.Min(2, commandLine.Count); start++)
        {
            if (Path.GetFileName(commandLine[start]) == "pydecnet")
                return new RunningPydecnet(pid, Absolute(commandLine[start], cwd), commandLine.Skip(start + 1).ToList(), cwd);
        }
        if (commandLine.Count >= 3 && commandLine[1] == "-m" && commandLine[2] == "decnet.main")
            return new RunningPydecnet(pid, Absolute(commandLine[0], cwd), commandLine.Skip(1).ToList(), cwd);
        return null;
    }

    /// <summary>A program as it was started: a bare name is found on PATH, a relative path is taken from the process's folder.</summary>
    private string Absolute(string program, string? cwd) =>
        !program.Contains('/') ? tools.OnPath(program) ?? program
        : Path.IsPathRooted(program) || cwd is null ? program
        : Path.GetFullPath(program, cwd);

    private string? WorkingDirectory(int pid)
    {
        if (procRoot is null)
            return null;
        try
        {
            return new DirectoryInfo(Path.Combine(procRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "cwd")).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
