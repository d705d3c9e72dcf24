using Microsoft.Extensions.Logging;

namespace HecnetJobs.Logging;

/// <summary>Every log message of HecnetJobs, with stable event ids by area: 1xx daemon, 2xx schedules, 3xx job runs, 4xx status, 5xx systemd, 6xx PyDECnet and its watchdog.</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "HecnetJobs {Version} started as PID {Pid} (data {DataDir})")]
    public static partial void DaemonStarted(ILogger logger, string version, int pid, string dataDir);

    [LoggerMessage(101, LogLevel.Information, "Stopping: {Reason}")]
    public static partial void DaemonStopping(ILogger logger, string reason);

    [LoggerMessage(102, LogLevel.Information, "Stopped")]
    public static partial void DaemonStopped(ILogger logger);

    [LoggerMessage(103, LogLevel.Warning, "Released {Count} request(s) and closed {Runs} run(s) left unfinished by a process that died")]
    public static partial void OrphansRecovered(ILogger logger, int count, int runs);

    [LoggerMessage(104, LogLevel.Error, "A background loop failed: {Loop}")]
    public static partial void LoopFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(105, LogLevel.Warning, "{Loop}: the data folder's disk is full ({Error}); trying again every {Retry} until there is room")]
    public static partial void LoopDiskFull(ILogger logger, string loop, string retry, string error);

    [LoggerMessage(200, LogLevel.Information, "Schedules loaded from {File}: {Jobs} job(s), {Changed} added or changed, {Removed} removed")]
    public static partial void SchedulesLoaded(ILogger logger, string file, int jobs, int changed, int removed);

    [LoggerMessage(201, LogLevel.Error, "jobs.xml edit refused, the previous schedules stay in force: {Error}")]
    public static partial void SchedulesRefused(ILogger logger, string error);

    [LoggerMessage(202, LogLevel.Information, "Request {RequestId} from the CLI: running {Job} now")]
    public static partial void RequestClaimed(ILogger logger, long requestId, string job);

    [LoggerMessage(203, LogLevel.Warning, "Request {RequestId} names job {Job}, which is not in jobs.xml")]
    public static partial void RequestForUnknownJob(ILogger logger, long requestId, string job);

    [LoggerMessage(300, LogLevel.Information, "Job {Job} ({Origin}) succeeded in {DurationMs} ms: {Summary}")]
    public static partial void JobSucceeded(ILogger logger, string job, string origin, long durationMs, string summary);

    [LoggerMessage(301, LogLevel.Warning, "Job {Job} ({Origin}) failed after {DurationMs} ms: {Summary}")]
    public static partial void JobFailed(ILogger logger, string job, string origin, long durationMs, string summary);

    [LoggerMessage(302, LogLevel.Error, "Job {Job} ({Origin}) crashed; this is a bug in HecnetJobs")]
    public static partial void JobCrashed(ILogger logger, string job, string origin, Exception exception);

    [LoggerMessage(303, LogLevel.Information, "Job {Job} ({Origin}) was cancelled")]
    public static partial void JobCancelled(ILogger logger, string job, string origin);

    [LoggerMessage(304, LogLevel.Debug, "Job {Job} failed with a user-facing error")]
    public static partial void JobUserError(ILogger logger, string job, Exception exception);

    [LoggerMessage(400, LogLevel.Error, "Could not write the status file {File}")]
    public static partial void StatusWriteFailed(ILogger logger, string file, Exception exception);

    [LoggerMessage(500, LogLevel.Information, "systemd watchdog: pinging every {Interval} while the scheduler proves alive")]
    public static partial void WatchdogEnabled(ILogger logger, TimeSpan interval);

    [LoggerMessage(501, LogLevel.Warning, "systemd watchdog: no ping, the scheduler's last heartbeat was {Age} ago")]
    public static partial void WatchdogWithheld(ILogger logger, TimeSpan age);
    [LoggerMessage(600, LogLevel.Information, "{Job}: PyDECnet PID {Pid} exited; checking at once")]
    public static partial void PydecnetExited(ILogger logger, string job, int pid);

    [LoggerMessage(601, LogLevel.Warning, "{Job}: PyDECnet {Old} -> {New}: {Detail}")]
    public static partial void PydecnetStateChanged(ILogger logger, string job, string old, string @new, string detail);

    [LoggerMessage(602, LogLevel.Warning, "{Job}: restarted PyDECnet ({Reason}): PID {Pid} answering after {Ms} ms")]
    public static partial void PydecnetRestarted(ILogger logger, string job, string reason, int pid, long ms);

    [LoggerMessage(603, LogLevel.Warning, "{Job}: PyDECnet could not be started: {Text}")]
    public static partial void PydecnetStartFailed(ILogger logger, string job, string text);

    [LoggerMessage(604, LogLevel.Error, "Running {Job} after PyDECnet's exit failed")]
    public static partial void ExitRunFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(305, LogLevel.Information, "Job {Job} ({Origin}) skipped: {Summary}")]
    public static partial void JobSkipped(ILogger logger, string job, string origin, string summary);
}
