using System.Runtime.InteropServices;

namespace HecnetJobs.Tests.Support;

/// <summary>Sends real POSIX signals to child processes.</summary>
public static partial class Signals
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    public static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
