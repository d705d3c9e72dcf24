using HecnetJobs.Logging;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Scheduling;

/// <summary>
/// Notices edits of jobs.xml by polling its size and time stamp every second (editors that save by rename defeat
/// file-system events) and applies them; a broken edit is reported and the schedule in force stays.
/// </summary>
internal sealed class JobsFileWatcher(string path, Func<JobSchedule> read, Func<JobSchedule, CancellationToken, Task> apply, Action<string?> reportError, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var seen = Stamp();
        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = Stamp();
            if (now == seen)
                continue;
            seen = now;
            JobSchedule schedule;
            try
            {
                schedule = read();
            }
            catch (HecnetJobsException e)
            {
                Log.SchedulesRefused(logger, e.Message);
                reportError(e.Message);
                continue;
            }
            await apply(schedule, cancellationToken);
            reportError(null);
        }
    }

    private (long Length, DateTime Written) Stamp()
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, DateTime.MinValue);
    }
}
