using System.Collections.Concurrent;
using HecnetJobs.Logging;
using HecnetJobs.Platform;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Pydecnet;

/// <summary>
/// In daemon mode, learns of PyDECnet's exit the moment it happens — a Linux pidfd becomes readable — and calls back at
/// once, so a crash costs milliseconds instead of the schedule's 2 minutes. Where pidfds are missing (kernels before
/// 5.3) it falls back to looking every quarter second; on Windows it waits on the process handle.
/// </summary>
public sealed class ExitWatcher : IDisposable
{
    private readonly ConcurrentDictionary<string, Watching> _watching = new(StringComparer.Ordinal);
    private readonly Func<string, int, Task> _onExit;
    private readonly ILogger _logger;
    private readonly IProcessControl _control;
    private bool _disposed;

    public ExitWatcher(Func<string, int, Task> onExit, ILogger logger)
        : this(onExit, logger, HostPlatform.Current.Control)
    {
    }

    internal ExitWatcher(Func<string, int, Task> onExit, ILogger logger, IProcessControl control)
    {
        _onExit = onExit;
        _logger = logger;
        _control = control;
    }

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
        _control.WaitForExit(watch.Pid, token);
        if (token.IsCancellationRequested)
            return;
        // Our own child stays a zombie until reaped; reaping here also records nothing else.
        _ = _control.TryReap(watch.Pid);
        _watching.TryRemove(new KeyValuePair<string, Watching>(job, watch));
        Log.PydecnetExited(_logger, job, watch.Pid);
        _ = _onExit(job, watch.Pid);
    }

    private sealed record Watching(int Pid, CancellationTokenSource Stop);
}
