using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace HecnetJobs.Platform;

/// <summary>
/// Process control on Windows, through <see cref="Process"/> alone: there are no signals, so a stop is a kill of the
/// whole process tree (TerminateProcess), and a start redirects the output into the console log through this process.
/// </summary>
/// <remarks>
/// Only portable .NET calls are used, so the same code also runs (and is tested) on Linux. What Windows lacks: a way to
/// ask a windowless console program to stop (CTRL_C/CTRL_BREAK reach only processes sharing a console, and PyDECnet
/// handles SIGTERM only), SIGSTOP/SIGCONT, and sessions. A child's output reaches the console log only while this
/// process runs: a PyDECnet started by a one-shot run writes into a closed pipe afterwards, hence <c>-L</c>.
/// </remarks>
internal sealed class WindowsProcessControl : IProcessControl
{
    // A child's last lines may still be in the pipe when it has exited; they are waited for this long at most.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    // The processes started here, kept for their exit codes and with the pumps that append their output.
    private readonly ConcurrentDictionary<int, (Process Process, OutputAppender Output)> _started = new();

    public bool CanAskToStop => false;

    public int ProcessGroup(int pid) => -1;

    public void AskToStop(int pid)
    {
        // Nothing to send: see CanAskToStop.
    }

    public void Kill(int pid, bool wholeGroup)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // Always the tree: pip's pydecnet.exe launcher runs python.exe as its child.
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the kill.
        }
        catch (Win32Exception)
        {
            // Access denied (another user's process) or it is exiting; the caller checks whether it is still alive.
        }
    }

    public int? TryReap(int pid)
    {
        // Windows keeps no zombies; the exit code is known for the processes started here.
        if (IsRunning(pid) is not false || !_started.TryRemove(pid, out var child))
            return null;
        var code = child.Process.ExitCode;
        child.Process.Dispose();
        return code;
    }

    /// <summary>
    /// For a child started here: whether it still runs, counting it as running until its output has reached the log
    /// (a start failure is read from that output once the child is seen dead); null for any other process.
    /// </summary>
    public bool? IsRunning(int pid)
    {
        if (!_started.TryGetValue(pid, out var child))
            return null;
        if (!child.Process.HasExited)
            return true;
        child.Output.WaitDrained(DrainTimeout);
        return false;
    }

    public SpawnResult Spawn(string program, IReadOnlyList<string> arguments, string workingDirectory, string outputFile)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // A console of its own: a Ctrl+C in HecnetJobs's console does not reach it.
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        OutputAppender output;
        try
        {
            output = new OutputAppender(outputFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SpawnResult.Failed($"cannot open {outputFile}: {e.Message}");
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            output.Dispose();
            return SpawnResult.Failed(e.Message);
        }
        process.StandardInput.Close();
        output.Attach(process);
        _started[process.Id] = (process, output);
        return SpawnResult.Started(process.Id);
    }

    public void WaitForExit(int pid, CancellationToken cancellationToken)
    {
        var own = _started.TryGetValue(pid, out var child);
        var process = child.Process;
        if (!own)
        {
            try
            {
                process = Process.GetProcessById(pid);
            }
            catch (ArgumentException)
            {
                return;
            }
        }
        try
        {
            process!.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Watching stopped.
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It exited before a handle could be had, or this account may not wait on it: treat as exited.
        }
        finally
        {
            if (!own)
                process!.Dispose();
        }
    }
}
