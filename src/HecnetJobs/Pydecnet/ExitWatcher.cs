using System.Collections.Concurrent;
using HecnetJobs.Logging;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Pydecnet;

/// <summary>
/// In daemon mode, learns of PyDECnet's exit the moment it happens — a Linux pidfd becomes readable — and calls back at
/// once, so a crash costs milliseconds instead of the schedule's 2 minutes. Where pidfds are missing (kernels before
/// 5.3, other systems) it falls back to looking every quarter second.
/// </summary>
public sealed class ExitWatcher(Func<string, int, Task> onExit, ILogger logger) : IDisposable
{
    private static readonly TimeSpan FallbackPoll = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, Watching> _watching = new(StringComparer.Ordinal);
    private readonly ProcessTable _processes = new();
    private bool _disposed;

    /// <summary>Watches <paramref name="pid"/> for the job; a watch of another PID for the same job is replaced.</summary>
    public void Watch(string job, int pid)
    {
        if (_disposed)
            return;
        if (_watching.TryGetValue(job, out var current) && current.Pid == pid)
            return;
        var watch = new Watching(pid, new CancellationTokenSource());
        if (_watching.TryRemove(job, out var old))
            old.Stop.Cancel();
        _watching[job] = watch;
        _ = Task.Factory.StartNew(() => Run(job, watch), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The PID watched for a job, if any.</summary>
    public int? Watched(string job) => _watching.TryGetValue(job, out var watch) ? watch.Pid : null;

    public void Dispose()
    {
        _disposed = true;
        foreach (var watch in _watching.Values)
            watch.Stop.Cancel();
        _watching.Clear();
    }

    private void Run(string job, Watching watch)
    {
        var token = watch.Stop.Token;
        var fd = Libc.IsLinux ? Libc.OpenPidfd(watch.Pid) : -1;
        try
        {
            if (fd >= 0)
            {
                while (!token.IsCancellationRequested && !Libc.WaitReadable(fd, 500))
                {
                }
            }
            else
            {
                while (!token.IsCancellationRequested && _processes.IsAlive(watch.Pid))
                    token.WaitHandle.WaitOne(FallbackPoll);
            }
        }
        finally
        {
            if (fd >= 0)
                Libc.CloseFd(fd);
        }
        if (token.IsCancellationRequested)
            return;
        // Our own child stays a zombie until reaped; reaping here also records nothing else.
        _ = Libc.TryReap(watch.Pid);
        _watching.TryRemove(new KeyValuePair<string, Watching>(job, watch));
        Log.PydecnetExited(logger, job, watch.Pid);
        _ = onExit(job, watch.Pid);
    }

    private sealed record Watching(int Pid, CancellationTokenSource Stop);
}
