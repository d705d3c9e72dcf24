using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HecnetJobs.Pydecnet;

/// <summary>
/// The few Linux calls .NET does not offer for supervising a process it did not start through <c>Process</c>: signals to a
/// process group, pidfds, waitpid, and posix_spawn with a new session.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class Libc
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;

    public const int ESRCH = 3;
    public const int ECHILD = 10;
    public const int EINTR = 4;

    private const int WNOHANG = 1;
    private const int PidfdOpenSyscall = 434; // the same number on every Linux architecture since 5.3
    private const short PollIn = 1;

    /// <summary>Sends a signal; false when the process (or group, for a negative pid) does not exist.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>The process group of <paramref name="pid"/>, or -1 when it is gone.</summary>
    public static int ProcessGroup(int pid) => GetPgid(pid);

    /// <summary>A pidfd for the process, or -1 when the kernel has none (before 5.3) or the process is gone.</summary>
    public static int OpenPidfd(int pid) => (int)Syscall(PidfdOpenSyscall, pid, 0);

    /// <summary>Waits up to <paramref name="timeoutMs"/> for the pidfd to become readable, i.e. for the process to exit.</summary>
    public static bool WaitReadable(int fd, int timeoutMs)
    {
        var entry = new PollFd { Fd = fd, Events = PollIn };
        return Poll(&entry, 1, timeoutMs) > 0;
    }

    public static void CloseFd(int fd) => _ = Close(fd);

    /// <summary>Reaps a child of this process that has exited; returns its exit code (128+signal when killed), or null when it still runs or is not our child.</summary>
    public static int? TryReap(int pid)
    {
        int status;
        var result = WaitPid(pid, &status, WNOHANG);
        if (result != pid)
            return null;
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int GetPgid(int pid);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial long Syscall(long number, long arg1, long arg2);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int WaitPid(int pid, int* status, int options);
}
