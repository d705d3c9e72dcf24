using System.ComponentModel;
using System.Diagnostics;

namespace HecnetJobs.Platform;

/// <summary>The process list on Windows: <see cref="Process"/> for who exists, the native call behind Task Manager's "Command line" column for arguments.</summary>
/// <remarks>Command lines are read on Windows only; elsewhere they read as unknown, so nothing is ever taken for PyDECnet.</remarks>
internal sealed class WindowsProcessList(WindowsProcessControl? starter = null) : IProcessList
{
    public IReadOnlyList<string>? CommandLine(int pid) => OperatingSystem.IsWindows() ? WindowsCommandLine.Read(pid) : null;

    public bool IsAlive(int pid)
    {
        if (pid <= 0)
            return false;
        if (starter?.IsRunning(pid) is { } running)
            return running;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (Win32Exception)
        {
            // It exists, but this account may not look at it (a service of another user): it is alive.
            return true;
        }
    }

    /// <summary>Now minus the milliseconds since the boot (Windows counts the time asleep too).</summary>
    public DateTimeOffset? BootTime() => TimeProvider.System.GetUtcNow() - TimeSpan.FromMilliseconds(Environment.TickCount64);

    public IEnumerable<int> Pids()
    {
        var processes = Process.GetProcesses();
        var pids = new List<int>(processes.Length);
        foreach (var process in processes)
        {
            pids.Add(process.Id);
            process.Dispose();
        }
        return pids;
    }
}
