using System.Globalization;
using HecnetJobs.Store;
using Quartz;

namespace HecnetJobs.Scheduling;

/// <summary>
/// The one Quartz job class: it looks up the jobs.xml job by key and hands it to <see cref="JobRunner"/>. Runs of the
/// same job never overlap; a request from the CLI waits for the current run to end.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class QuartzJobAdapter(JobRunner runner, ScheduleHolder schedule, TriggerRequestStore requests, TimeProvider time) : IJob
{
    /// <summary>job-data-map keys starting with this are HecnetJobs' own and cannot be set in jobs.xml.</summary>
    public const string ReservedPrefix = "hj.";

    /// <summary>Set on the one-off trigger that runs a CLI request: the request's id.</summary>
    public const string RequestIdKey = "hj.request";

    /// <summary>Set on every stored job: a hash of its jobs.xml definition, so an unchanged job keeps its triggers' state.</summary>
    public const string FingerprintKey = "hj.fingerprint";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var merged = context.MergedJobDataMap;
        long? requestId = merged.TryGetValue(RequestIdKey, out var raw) && long.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
        // A request re-released after a crash may also have its old one-off trigger recovered by Quartz: run it once only.
        if (requestId is { } pending && requests.Result(pending) is not null)
            return;

        var job = schedule.Current?.Find(context.JobDetail.Key.Name);
        if (job is null)
        {
            if (requestId is { } missing)
                requests.Finish(missing, null, JobRunResult.Failure, $"job '{context.JobDetail.Key.Name}' is no longer in jobs.xml", time.GetUtcNow());
            return;
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in merged)
        {
            if (!key.StartsWith(ReservedPrefix, StringComparison.Ordinal))
                data[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
        var result = await runner.RunAsync(job, data, requestId is null ? "schedule" : "request", cancellationToken);
        if (requestId is { } done)
            requests.Finish(done, result.RunId, result.Result, result.Summary, time.GetUtcNow());
    }
}

/// <summary>The schedule currently in force; replaced as a whole when jobs.xml changes.</summary>
internal sealed class ScheduleHolder
{
    private volatile JobSchedule? _current;

    public JobSchedule? Current
    {
        get => _current;
        set => _current = value;
    }
}
