using HecnetJobs.Logging;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Scheduling;

/// <summary>
/// Notices edits of jobs.xml by polling its size and time stamp every second (editors that save by rename defeat
/// file-system events) and applies them; a broken edit is reported and the schedule in force stays.
/// </summary>
internal sealed class JobsFileWatcher(string path, JobsFileStamp loaded, Func<JobSchedule> read, Func<JobSchedule, CancellationToken, Task> apply, Action<string?> reportError, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Compared with the file as it was when the schedule in force was read, so an edit made while the daemon
        // was still starting is not missed.
        var seen = loaded;
        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = JobsFileStamp.Of(path);
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
}

/// <summary>What identifies a version of jobs.xml cheaply: its size and time stamp.</summary>
internal readonly record struct JobsFileStamp(long Length, DateTime Written)
{
    public static JobsFileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new(info.Length, info.LastWriteTimeUtc) : new(-1, DateTime.MinValue);
    }
}
