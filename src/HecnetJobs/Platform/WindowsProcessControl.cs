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
    // The processes started here, kept for their exit codes and for the output pumps that live with them.
    private readonly ConcurrentDictionary<int, Process> _started = new();

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
        if (!_started.TryGetValue(pid, out var process) || !process.HasExited)
            return null;
        _started.TryRemove(pid, out _);
        var code = process.ExitCode;
        process.Dispose();
        return code;
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
        _started[process.Id] = process;
        return SpawnResult.Started(process.Id);
    }

    public void WaitForExit(int pid, CancellationToken cancellationToken)
    {
        var own = _started.TryGetValue(pid, out var process);
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
