using HecnetJobs.Jobs;
using HecnetJobs.Platform;

namespace HecnetJobs.Pydecnet;

/// <summary>How a start went: the new PID and how long it took to answer, or why it failed.</summary>
/// <param name="SpawnedAt">When the new process was created (before it answered), for history and the benchmark.</param>
public sealed record StartResult(int? Pid, TimeSpan Elapsed, StartFailure? Failure, DateTimeOffset? SpawnedAt = null);

/// <summary>
/// Stops and starts PyDECnet. A start puts it in its own session (so it outlives a one-shot HecnetJobs run and is not
/// hit by signals meant for HecnetJobs) with its output appended to the console log, then waits until its API answers.
/// </summary>
internal sealed class PydecnetController(PydecnetOptions options, WatchdogOptions watchdog, HostPlatform platform, TimeProvider time)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);
    private readonly IProcessList _processes = platform.Processes;
    private readonly IProcessControl _control = platform.Control;

    /// <summary>SIGTERM (never SIGHUP: PyDECnet dies on it with no clean-up), the grace period, then SIGKILL to the whole process group.</summary>
    public async Task<string> StopAsync(int pid, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (!_processes.IsAlive(pid))
        {
            _ = _control.TryReap(pid);
            return $"PID {pid} had already exited";
        }
        if (!_control.CanAskToStop)
        {
            // Windows: PyDECnet handles SIGTERM only, and nothing like it reaches a windowless process.
            _control.Kill(pid, wholeGroup: true);
            await WaitForExitAsync(pid, TimeSpan.FromSeconds(5), cancellationToken);
            return $"terminated PID {pid} and its child processes (Windows has no graceful stop for it)";
        }
        var group = _control.ProcessGroup(pid);
        _control.AskToStop(pid);
        if (await WaitForExitAsync(pid, watchdog.StopGrace, cancellationToken))
            return $"stopped PID {pid} with SIGTERM in {Seconds(time.GetElapsedTime(started))}";
        // Only a group PyDECnet leads is signalled as a group: a PyDECnet run from a shell shares the shell's group.
        _control.Kill(pid, wholeGroup: group == pid);
        await WaitForExitAsync(pid, TimeSpan.FromSeconds(5), cancellationToken);
        return $"killed PID {pid} with SIGKILL after {Seconds(watchdog.StopGrace)} of SIGTERM grace";
    }

    /// <summary>Removes the API socket file when it is a socket and nobody answers on it; returns what was done, or null when there was nothing to do.</summary>
    public string? RemoveStaleSocket()
    {
        var path = options.ApiSocket;
        var isSocket = platform.Files.IsSocket(path);
        if (isSocket is null)
            return null;
        if (isSocket == false)
            return $"{path} exists but is not a socket; left alone (PyDECnet will refuse to start until it is moved away)";
        if (!ApiProbe.NobodyListens(path))
            return $"{path} was kept: a process still listens on it";
        File.Delete(path);
        return $"removed stale API socket {path}";
    }

    /// <summary>Starts PyDECnet and waits until it answers, it dies, or the start timeout passes.</summary>
    public async Task<StartResult> StartAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        // Marked before the process exists, so nothing it writes is missed.
        var mark = OutputTail.Mark(options.ConsoleLog, options.LogFile);
        LastOutputMark = mark;
        if (Launch(out var failure) is not { } pid)
            return new(null, TimeSpan.Zero, failure);
        var spawnedAt = time.GetUtcNow();
        var probeTimeout = watchdog.ProbeTimeout < TimeSpan.FromSeconds(1) ? watchdog.ProbeTimeout : TimeSpan.FromSeconds(1);
        var launcher = pid;
        int? exitCode = null;
        while (true)
        {
            exitCode = _control.TryReap(pid) ?? exitCode;
            var alive = _processes.IsAlive(pid);
            if (StartFailure.Classify(mark.ReadSince()) is { } seen)
            {
                if (alive)
                    await StopAsync(pid, cancellationToken);
                return new(pid, time.GetElapsedTime(started), seen, spawnedAt);
            }
            if (!alive && pid == launcher && exitCode == 0 && DaemonMode && time.GetElapsedTime(started) <= watchdog.StartTimeout)
            {
                // --daemon: the process started here forks the real router and exits 0; follow the router from its PID file.
                if (DaemonPid(launcher) is { } daemonPid)
                    (pid, exitCode) = (daemonPid, null);
                else
                    await Task.Delay(PollEvery, time, cancellationToken);
                continue;
            }
            if (!alive)
            {
                var code = exitCode is { } c ? $" with code {c}" : "";
                return new(pid, time.GetElapsedTime(started), SpawnedAt: spawnedAt, Failure: new("exited", $"PyDECnet exited{code} right after starting", mark.ReadSince().TakeLast(6).ToArray()));
            }
            var probe = await ApiProbe.ProbeAsync(options.ApiSocket, probeTimeout, cancellationToken);
            // PyDECnet opens its API before its HTTP monitor: with a monitor configured, a start counts only once the
            // monitor serves PyDECnet's counters too (a port taken by another program would fail a moment later).
            if (probe.Answered && (options.HttpPort is not { } port || (await MainLoopProbe.SampleAsync(port, probeTimeout, cancellationToken)).Problem is null))
                return new(pid, time.GetElapsedTime(started), null, spawnedAt);
            if (time.GetElapsedTime(started) > watchdog.StartTimeout)
            {
                await StopAsync(pid, cancellationToken);
                return new(pid, time.GetElapsedTime(started), SpawnedAt: spawnedAt, Failure: new("not-answering",
                    $"PyDECnet started but its API did not answer within {Config.Duration.Format(watchdog.StartTimeout)} ({probe.Detail})",
                    mark.ReadSince().TakeLast(6).ToArray()));
            }
            await Task.Delay(PollEvery, time, cancellationToken);
        }
    }

    private bool DaemonMode => options.PidFile is not null && options.Arguments.Any(a => a is "--daemon" or "-d");

    /// <summary>The router a <c>--daemon</c> start forked: the live PID in the PID file, other than the launcher's.</summary>
    private int? DaemonPid(int launcher)
    {
        try
        {
            var text = File.ReadAllText(options.PidFile!).Trim();
            return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                && pid != launcher && _processes.IsAlive(pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Where the output files ended when the last start began (so a later crash can be explained).</summary>
    public OutputTail? LastOutputMark { get; private set; }

    private int? Launch(out StartFailure? failure)
    {
        failure = null;
        var program = ResolveCommand(options.Command, out var problem);
        if (program is null)
        {
            failure = new("launch", problem!, []);
            return null;
        }
        if (!Directory.Exists(options.WorkingDirectory))
        {
            failure = new("launch", $"'pydecnet.workingDirectory': '{options.WorkingDirectory}' does not exist", []);
            return null;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(options.ConsoleLog)!);
        var spawned = _control.Spawn(program, options.Arguments, options.WorkingDirectory, options.ConsoleLog);
        if (spawned.Error is null)
            return spawned.Pid;
        failure = new("launch", $"cannot start {program}: {spawned.Error}", []);
        return null;
    }

    /// <summary>The program's full path: as configured when it has a slash, else the first executable of that name on PATH; <paramref name="key"/> names the setting in the problem.</summary>
    internal static string? ResolveCommand(string? command, out string? problem, string key = "pydecnet.command")
    {
        problem = null;
        if (command is null)
        {
            problem = $"'{key}': missing (the program that starts PyDECnet, e.g. \"/usr/local/bin/pydecnet\")";
            return null;
        }
        // A path (with a separator, or rooted like C:pydecnet.exe on Windows) is taken as it is; a bare name is looked up on PATH.
        if (command.Contains('/') || (OperatingSystem.IsWindows() && (command.Contains('\\') || Path.IsPathRooted(command))))
        {
            var hint = key == "pydecnet.command" ? "chmod +x it, or make python3 the command and the script the first argument" : "chmod +x it";
            if (!File.Exists(command))
                problem = $"'{key}': '{command}' does not exist";
            else if (!IsExecutable(command))
                problem = $"'{key}': '{command}' is not executable ({hint})";
            return problem is null ? command : null;
        }
        // Windows: PATH is split on ';', and "pydecnet" means pydecnet.exe, as in a Command Prompt.
        var names = OperatingSystem.IsWindows() && !Path.HasExtension(command) ? new[] { command + ".exe", command } : [command];
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate) && IsExecutable(candidate))
                    return candidate;
            }
        }
        problem = $"'{key}': '{command}' is not on PATH ({Environment.GetEnvironmentVariable("PATH")}); give its full path";
        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            _ = _control.TryReap(pid);
            if (!_processes.IsAlive(pid))
                return true;
            if (time.GetElapsedTime(started) >= timeout)
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.0} s";
}
