using HecnetJobs.Config;
using HecnetJobs.Logging;
using HecnetJobs.Scheduling;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Status;

/// <summary>Builds the heartbeat document from the history and the schedule and writes it; one write at a time.</summary>
public sealed partial class StatusPublisher : IDisposable
{
    private readonly HecnetJobsOptions _options;
    private readonly JobRunStore _runs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StatusFile _file;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DaemonStatus _daemon;

    public StatusPublisher(HecnetJobsOptions options, JobRunStore runs, TimeProvider time, ILoggerFactory loggerFactory, string mode)
    {
        _options = options;
        _runs = runs;
        _time = time;
        _logger = loggerFactory.CreateLogger("HecnetJobs.Status");
        _file = new StatusFile(options.Status.File);
        _daemon = new DaemonStatus { Pid = Environment.ProcessId, Version = AppInfo.Version, StartedAt = time.GetUtcNow(), Mode = mode };
    }

    /// <summary>The schedule in force (for job types and the list of jobs).</summary>
    public JobSchedule? Schedule { get; set; }

    public DateTimeOffset? ScheduleLoadedAt { get; set; }

    /// <summary>Why the latest jobs.xml edit was refused, or null.</summary>
    public string? ScheduleError { get; set; }

    /// <summary>Supplies next fire times (the daemon's scheduler); null in one-shot runs.</summary>
    public Func<CancellationToken, Task<Dictionary<string, DateTimeOffset>>>? NextRuns { get; set; }

    /// <summary>Rewrites the file. A failure to write is logged, not thrown: the jobs matter more than the heartbeat.</summary>
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var next = NextRuns is null ? [] : await NextRuns(cancellationToken);
            var document = Build(next);
            // Announced first: a live view must not miss a change because the disk is full.
            Announce(document);
            _file.Write(document);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Log.StatusWriteFailed(_logger, _file.Path, e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Marks the daemon as stopped cleanly, so watchers see a stop, not a stale heartbeat.</summary>
    public async Task PublishStoppedAsync()
    {
        _daemon.Mode = "stopped";
        _daemon.StoppedAt = _time.GetUtcNow();
        NextRuns = null;
        await PublishAsync(CancellationToken.None);
    }

    public void Dispose() => _gate.Dispose();

    internal StatusDocument Build(IReadOnlyDictionary<string, DateTimeOffset> nextRuns)
    {
        var document = new StatusDocument
        {
            UpdatedAt = _time.GetUtcNow(),
            Daemon = _daemon,
            Schedules = new SchedulesStatus { File = _options.JobsFile, LoadedAt = ScheduleLoadedAt, Error = ScheduleError },
        };
        var lastRuns = _runs.LastRuns().ToDictionary(r => r.Job, StringComparer.Ordinal);
        foreach (var job in Schedule?.Jobs ?? [])
        {
            var status = new JobStatus { Type = job.Type, NextRun = nextRuns.TryGetValue(job.Name, out var n) ? n : null };
            if (lastRuns.TryGetValue(job.Name, out var run))
            {
                status.LastRun = run.StartedAt;
                status.Result = run.Result ?? "running";
                status.DurationMs = run.Duration is { } d ? (long)d.TotalMilliseconds : null;
                status.Summary = run.Summary;
                if (run.Result is JobRunResult.Failure or "interrupted")
                {
                    var verb = run.Result == JobRunResult.Failure ? "failed" : "was interrupted";
                    var at = TimeZoneInfo.ConvertTime(run.StartedAt, _time.LocalTimeZone);
                    document.Problems.Add($"job {job.Name} {verb} at {at:HH:mm}: {run.Summary}");
                }
            }
            document.Jobs[job.Name] = status;
        }
        if (ScheduleError is not null)
            document.Problems.Insert(0, $"jobs.xml edit refused (previous schedules in force): {ScheduleError.Split('\n')[0]}");
        var critical = new List<string>();
        AddPydecnet(document, critical);
        AddNames(document);
        AddHost(document, critical);
        AddPauses(document);
        AddLinks(document, critical);
        AddOutbox(document);
        document.Problems.InsertRange(0, critical);
        document.State = critical.Count > 0 ? StatusStates.Critical : document.Problems.Count > 0 ? StatusStates.Warning : StatusStates.Ok;
        return document;
    }
}
