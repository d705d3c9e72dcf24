using System.Diagnostics;
using HecnetJobs.Alerts;
using HecnetJobs.Jobs;
using HecnetJobs.Logging;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Scheduling;

/// <summary>How one run ended, as recorded in the history.</summary>
public sealed record JobRunResult(long RunId, string Result, string Summary, TimeSpan Duration)
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Cancelled = "cancelled";

    /// <summary>Not run: the job is paused (<c>hecnetjobs pause</c>).</summary>
    public const string Skipped = "skipped";

    public bool Succeeded => Result == Success;
}

/// <summary>
/// Runs one job and records it: the same path for a Quartz firing in the daemon and a one-shot CLI run, so history,
/// logging and the status file do not depend on who started the job.
/// </summary>
public sealed class JobRunner(JobServices services, JobRunStore runs, Func<CancellationToken, Task> afterRun)
{
    private readonly ILogger _logger = services.LoggerFactory.CreateLogger("HecnetJobs.Jobs");

    public async Task<JobRunResult> RunAsync(JobDefinition job, IReadOnlyDictionary<string, string> data, string origin, CancellationToken cancellationToken)
    {
        var time = services.Time;
        if (new PauseStore(services.Database).For(job.Name, time.GetUtcNow()) is { } pause)
            return await SkipAsync(job, origin, pause);
        var deadMansSwitch = DeadMansSwitchFor(job);
        if (deadMansSwitch is not null)
            await deadMansSwitch.StartAsync(cancellationToken);
        long runId;
        try
        {
            runId = runs.Start(job.Name, job.Type, origin, Environment.ProcessId, time.GetUtcNow());
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            // Nothing can be recorded, so nothing is run: a job's work goes with its records (state, events, alerts).
            var full = $"not run: the data folder's disk is full ({e.Message})";
            Log.JobFailed(_logger, job.Name, origin, 0, full);
            return new JobRunResult(0, JobRunResult.Failure, full, TimeSpan.Zero);
        }
        var started = time.GetTimestamp();
        string result, summary;
        try
        {
            var instance = JobCatalog.Types[job.Type].Create(services);
            var outcome = await instance.RunAsync(new JobRunContext(job.Name, data, origin), cancellationToken);
            (result, summary) = (outcome.Succeeded ? JobRunResult.Success : JobRunResult.Failure, outcome.Summary);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            (result, summary) = (JobRunResult.Cancelled, "cancelled: HecnetJobs is stopping");
        }
        catch (HecnetJobsException e)
        {
            Log.JobUserError(_logger, job.Name, e);
            (result, summary) = (JobRunResult.Failure, e.Message);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            // The host's condition, not a bug: no stack trace, and the words an operator acts on.
            (result, summary) = (JobRunResult.Failure, $"the data folder's disk is full: {e.Message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A job must not take the scheduler down with it; the log keeps the stack trace for the bug report.
            Log.JobCrashed(_logger, job.Name, origin, e);
            (result, summary) = (JobRunResult.Failure, $"internal error: {e.GetType().Name}: {e.Message} (see the log)");
        }

        var duration = time.GetElapsedTime(started);
        try
        {
            runs.Finish(runId, time.GetUtcNow(), result, summary);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            // The run stays open in the history; the next daemon start closes it as left unfinished.
            summary += $" (not recorded: the data folder's disk is full: {e.Message})";
        }
        var ms = (long)duration.TotalMilliseconds;
        switch (result)
        {
            case JobRunResult.Success: Log.JobSucceeded(_logger, job.Name, origin, ms, summary); break;
            case JobRunResult.Cancelled: Log.JobCancelled(_logger, job.Name, origin); break;
            default: Log.JobFailed(_logger, job.Name, origin, ms, summary); break;
        }
        if (deadMansSwitch is not null && result != JobRunResult.Cancelled)
            await deadMansSwitch.FinishAsync(result == JobRunResult.Success, cancellationToken);
        await afterRun(CancellationToken.None);
        return new JobRunResult(runId, result, summary, duration);
    }

    /// <summary>Records a run that did not happen because the job is paused; the history shows the pause, not a gap.</summary>
    private async Task<JobRunResult> SkipAsync(JobDefinition job, string origin, Pause pause)
    {
        var now = services.Time.GetUtcNow();
        var until = TimeZoneInfo.ConvertTime(pause.Until, services.Time.LocalTimeZone);
        var summary = $"paused until {until:yyyy-MM-dd HH:mm} by {pause.PausedBy}{(pause.Reason is { } r ? $": {r}" : "")}";
        var runId = runs.Start(job.Name, job.Type, origin, Environment.ProcessId, now);
        runs.Finish(runId, now, JobRunResult.Skipped, summary);
        Log.JobSkipped(_logger, job.Name, origin, summary);
        // A paused watchdog is maintenance, not a dead host: the outside service hears that HecnetJobs is alive.
        if (DeadMansSwitchFor(job) is { } deadMansSwitch)
            await deadMansSwitch.FinishAsync(succeeded: true, CancellationToken.None);
        await afterRun(CancellationToken.None);
        return new JobRunResult(runId, JobRunResult.Skipped, summary, TimeSpan.Zero);
    }

    /// <summary>The dead man's switch (<c>alerts.ping</c>) for a watchdog run, or null.</summary>
    private DeadMansSwitch? DeadMansSwitchFor(JobDefinition job) =>
        job.Type == WatchdogJob.Type.Name && services.Options.Alerts.Ping is { } ping
            ? new DeadMansSwitch(ping, new OutboxStore(services.Database), services.Time, _logger)
            : null;
}
