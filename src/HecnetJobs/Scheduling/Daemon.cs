using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Logging;
using HecnetJobs.Pydecnet;
using HecnetJobs.Status;
using HecnetJobs.Store;
using HecnetJobs.Systemd;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Quartz;

namespace HecnetJobs.Scheduling;

/// <summary>
/// <c>hecnetjobs run</c>: holds the instance lock, runs the Quartz scheduler on the SQLite store with the jobs of
/// jobs.xml, and around it the loops that make it an operator's daemon: CLI requests, jobs.xml edits, the heartbeat
/// file and systemd's watchdog.
/// </summary>
public sealed class Daemon(HecnetJobsOptions options, ILoggerFactory loggerFactory, TimeProvider time)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("HecnetJobs.Daemon");

    public async Task RunAsync(CancellationToken stopping)
    {
        DataDirectory.Prepare(options);
        using var instanceLock = InstanceLock.TryAcquire(options.LockFile, out var holder)
            ?? throw InstanceLock.AlreadyRunning(options.LockFile, holder);

        var database = new Database(options.DatabaseFile);
        database.Migrate(verify: true);
        var runs = new JobRunStore(database);
        var requests = new TriggerRequestStore(database);
        RecoverOrphans(runs, requests);

        var reader = new JobsXmlReader(JobCatalog.Types);
        var loadedStamp = JobsFileStamp.Of(options.JobsFile);
        var holderOfSchedule = new ScheduleHolder { Current = reader.ReadFile(options.JobsFile) };
        if (JobRequirements.Problems(options, holderOfSchedule.Current) is { Count: > 0 } missing)
            throw new HecnetJobsException(string.Join('\n', missing), ExitCodes.Config);
        using var status = new StatusPublisher(options, runs, time, loggerFactory, "daemon")
        {
            Schedule = holderOfSchedule.Current,
            ScheduleLoadedAt = time.GetUtcNow(),
        };

        var watchdogTimeout = SystemdIntegration.WatchdogTimeout();
        var heartbeatInterval = HeartbeatInterval(options.Status.Interval, watchdogTimeout);
        var liveness = new SchedulerLiveness(time, heartbeatInterval * 2 + QuartzSetup.IdleWait);
        JobRunner? runner = null;
        using var exitWatcher = new ExitWatcher((job, _) => RunAfterExitAsync(job, holderOfSchedule, runner!, stopping), _logger);
        var services = new JobServices(options, database, time, loggerFactory) { ExitWatcher = options.Watchdog.ReactToExit ? exitWatcher : null };
        runner = new JobRunner(services, runs, status.PublishAsync);
        var adapter = new QuartzJobAdapter(runner, holderOfSchedule, requests, time);
        var factory = new JobFactory(adapter, new HeartbeatJob(liveness, status.PublishAsync));

        Quartz.Diagnostics.LogProvider.SetLogProvider(loggerFactory);
        var scheduler = await QuartzSetup.CreateAsync(database, factory, time, stopping);
        var reconciler = new ScheduleReconciler(scheduler, time);
        status.NextRuns = reconciler.NextRunsAsync;
        var systemd = new SystemdIntegration(new SystemdNotifier(), time, _logger);
        try
        {
            var applied = await reconciler.ApplyAsync(holderOfSchedule.Current, stopping);
            Log.SchedulesLoaded(_logger, options.JobsFile, applied.Jobs, applied.Changed, applied.Removed);
            await reconciler.EnsureHeartbeatAsync(heartbeatInterval, stopping);
            await scheduler.Start(stopping);
            await StartWatchdogsAsync(scheduler, holderOfSchedule.Current, stopping);
            liveness.Beat();
            Log.DaemonStarted(_logger, AppInfo.Version, Environment.ProcessId, options.DataDir);
            await status.PublishAsync(stopping);
            systemd.Ready($"running {applied.Jobs} job(s) from {Path.GetFileName(options.JobsFile)}");

            var watcher = new JobsFileWatcher(
                options.JobsFile,
                loadedStamp,
                () => reader.ReadFile(options.JobsFile),
                async (schedule, ct) =>
                {
                    var result = await reconciler.ApplyAsync(schedule, ct);
                    holderOfSchedule.Current = schedule;
                    status.Schedule = schedule;
                    status.ScheduleLoadedAt = time.GetUtcNow();
                    Log.SchedulesLoaded(_logger, options.JobsFile, result.Jobs, result.Changed, result.Removed);
                },
                error =>
                {
                    status.ScheduleError = error;
                    _ = status.PublishAsync(CancellationToken.None);
                },
                time,
                _logger);
            var pump = new RequestPump(requests, scheduler, holderOfSchedule, time, _logger);

            // One failed loop stops the others too: a daemon that no longer reads requests must exit so systemd restarts it.
            using var loopsStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var loops = new List<Task>
            {
                Loop("trigger requests", pump.RunAsync, loopsStop),
                Loop("jobs.xml watcher", watcher.RunAsync, loopsStop),
                Loop("alert outbox", new Alerts.AlertOutbox(options, database, time, loggerFactory).RunAsync, loopsStop),
            };
            loops.AddRange(Web.WebLoops.Create(options, database, status, time, loggerFactory).Select(l => Loop(l.Name, l.Body, loopsStop)));
            if (watchdogTimeout is { } timeout && systemd.IsEnabled)
                loops.Add(Loop("systemd watchdog", ct => systemd.RunWatchdogAsync(timeout, liveness, ct), loopsStop));
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A signal during start-up (before the loops run) is a normal stop, not an interruption.
        }
        finally
        {
            Log.DaemonStopping(_logger, stopping.IsCancellationRequested ? "signal" : "error");
            systemd.Stopping();
            await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None);
            await status.PublishStoppedAsync();
            Log.DaemonStopped(_logger);
        }
    }

    /// <summary>The heartbeat job's interval: the status interval, but at most a quarter of systemd's watchdog timeout.</summary>
    internal static TimeSpan HeartbeatInterval(TimeSpan statusInterval, TimeSpan? watchdogTimeout)
    {
        var interval = statusInterval;
        if (watchdogTimeout is { } timeout && timeout / 4 < interval)
            interval = timeout / 4;
        return interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : interval;
    }

    /// <summary>Runs every watchdog once at start, so PyDECnet's exit is watched from the first second rather than from the first scheduled run.</summary>
    private static async Task StartWatchdogsAsync(IScheduler scheduler, JobSchedule schedule, CancellationToken cancellationToken)
    {
        foreach (var job in schedule.Jobs.Where(j => j.Type == WatchdogJob.Type.Name))
            await scheduler.TriggerJob(new JobKey(job.Name, job.Group), cancellationToken);
    }

    /// <summary>PyDECnet just exited: run its watchdog now instead of at the next scheduled check.</summary>
    private async Task RunAfterExitAsync(string job, ScheduleHolder schedule, JobRunner runner, CancellationToken stopping)
    {
        if (schedule.Current?.Find(job) is not { } definition || stopping.IsCancellationRequested)
            return;
        try
        {
            await runner.RunAsync(definition, definition.Data, "exit", stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // HecnetJobs is stopping; the next start checks PyDECnet anyway.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.ExitRunFailed(_logger, job, e);
        }
    }

    private void RecoverOrphans(JobRunStore runs, TriggerRequestStore requests)
    {
        var released = requests.ReleaseOrphans();
        var closed = runs.CloseOrphans(time.GetUtcNow());
        if (released + closed > 0)
            Log.OrphansRecovered(_logger, released, closed);
    }

    /// <summary>How long a background loop that met a full disk waits before it starts again.</summary>
    internal static readonly TimeSpan DiskFullRetry = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs a background loop until stopping. A loop that fails is logged and stops the daemon, so systemd restarts it;
    /// except when the data folder's disk is full: that is the host's condition, which a restart cannot cure, so the
    /// loop waits and starts again (what it had to write, it writes once there is room: nothing is lost).
    /// </summary>
    private async Task Loop(string name, Func<CancellationToken, Task> body, CancellationTokenSource stop)
    {
        var full = false;
        while (true)
        {
            var began = time.GetUtcNow();
            try
            {
                await body(stop.Token);
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Cancellation is how every loop ends when the daemon stops.
                return;
            }
            catch (Exception e) when (DiskFull.Is(e))
            {
                // Logged once per episode: a loop that ran a good while before failing again starts a new one.
                if (!full || time.GetUtcNow() - began > TimeSpan.FromMinutes(1))
                    Log.LoopDiskFull(_logger, name, Duration.Format(DiskFullRetry), e.Message);
                full = true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.LoopFailed(_logger, name, e);
                await stop.CancelAsync();
                throw;
            }
            try
            {
                await Task.Delay(DiskFullRetry, time, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
