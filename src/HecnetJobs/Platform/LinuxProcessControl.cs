using System.ComponentModel;
using System.Runtime.Versioning;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Platform;

/// <summary>
/// Process control on Linux: signals to a process or its group, posix_spawn into a new session, waitpid for our own
/// children, and a pidfd to learn of an exit the moment it happens.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxProcessControl(ProcessTable processes) : IProcessControl
{
    private static readonly TimeSpan FallbackPoll = TimeSpan.FromMilliseconds(250);

    public bool CanAskToStop => true;

    public int ProcessGroup(int pid) => Libc.ProcessGroup(pid);

    public void AskToStop(int pid)
    {
        Libc.Signal(pid, Libc.SigTerm);
        // A stopped process keeps SIGTERM pending until it runs again.
        Libc.Signal(pid, Libc.SigCont);
    }

    public void Kill(int pid, bool wholeGroup) => Libc.Signal(wholeGroup ? -pid : pid, Libc.SigKill);

    public int? TryReap(int pid) => Libc.TryReap(pid);

    public SpawnResult Spawn(string program, IReadOnlyList<string> arguments, string workingDirectory, string outputFile)
    {
        var pid = Libc.Spawn(program, arguments, workingDirectory, outputFile);
        return pid > 0 ? SpawnResult.Started(pid) : SpawnResult.Failed(new Win32Exception(-pid).Message);
    }

    /// <summary>Waits on a pidfd; where pidfds are missing (kernels before 5.3) it looks every quarter second instead.</summary>
    public void WaitForExit(int pid, CancellationToken cancellationToken)
    {
        var fd = Libc.OpenPidfd(pid);
        try
        {
            if (fd >= 0)
            {
                while (!cancellationToken.IsCancellationRequested && !Libc.WaitReadable(fd, 500))
                {
                }
            }
            else
            {
                while (!cancellationToken.IsCancellationRequested && processes.IsAlive(pid))
                    cancellationToken.WaitHandle.WaitOne(FallbackPoll);
            }
        }
        finally
        {
            if (fd >= 0)
                Libc.CloseFd(fd);
        }
    }
}
