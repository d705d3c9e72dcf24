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

    /// <summary>Requests claimed but not fired because the disk was full; handed back before the next claim.</summary>
    private readonly List<long> _unfired = [];

    public async Task PumpOnceAsync(CancellationToken cancellationToken)
    {
        if (_unfired.Count > 0)
        {
            requests.Release(_unfired);
            _unfired.Clear();
        }
        var claimed = requests.ClaimOpen(time.GetUtcNow());
        for (var i = 0; i < claimed.Count; i++)
        {
            var request = claimed[i];
            try
            {
                await FireAsync(request, cancellationToken);
            }
            catch (Exception e) when (DiskFull.Is(e))
            {
                // The daemon goes on (Daemon.Loop retries), so nobody else would release these: remember them.
                _unfired.AddRange(claimed.Skip(i).Select(r => r.Id));
                throw;
            }
        }
    }

    private async Task FireAsync(TriggerRequest request, CancellationToken cancellationToken)
    {
        var job = schedule.Current?.Find(request.Job);
        if (job is null)
        {
            Log.RequestForUnknownJob(logger, request.Id, request.Job);
            requests.Finish(request.Id, null, JobRunResult.Failure, $"job '{request.Job}' is not in jobs.xml", time.GetUtcNow());
            return;
        }
        Log.RequestClaimed(logger, request.Id, request.Job);
        await scheduler.TriggerJob(new JobKey(job.Name, job.Group), new JobDataMap { [QuartzJobAdapter.RequestIdKey] = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
    }
}
