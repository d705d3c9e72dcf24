using HecnetJobs.Logging;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging;
using Quartz;

namespace HecnetJobs.Scheduling;

/// <summary>Picks up <c>hecnetjobs trigger</c> requests from the store twice a second and fires them as one-off Quartz triggers.</summary>
internal sealed class RequestPump(TriggerRequestStore requests, IScheduler scheduler, ScheduleHolder schedule, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        do
        {
            await PumpOnceAsync(cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    public async Task PumpOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var request in requests.ClaimOpen(time.GetUtcNow()))
        {
            var job = schedule.Current?.Find(request.Job);
            if (job is null)
            {
                Log.RequestForUnknownJob(logger, request.Id, request.Job);
                requests.Finish(request.Id, null, JobRunResult.Failure, $"job '{request.Job}' is not in jobs.xml", time.GetUtcNow());
                continue;
            }
            Log.RequestClaimed(logger, request.Id, request.Job);
            await scheduler.TriggerJob(new JobKey(job.Name, job.Group), new JobDataMap { [QuartzJobAdapter.RequestIdKey] = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
        }
    }
}
