using HecnetJobs.Status;

namespace HecnetJobs.Tests.Status;

/// <summary>A fixed clock and a healthy heartbeat shared by the status tests.</summary>
internal static class StatusSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

    /// <summary>A running daemon's heartbeat written 12 s before <see cref="Now"/>: up 2h13m7s, one job that ran 5 min ago.</summary>
    public static StatusDocument Healthy() => new()
    {
        UpdatedAt = Now - TimeSpan.FromSeconds(12),
        State = StatusStates.Ok,
        Daemon = new DaemonStatus { Pid = 4242, Version = "0.1.0", StartedAt = Now - new TimeSpan(2, 13, 7), Mode = "daemon" },
        Schedules = new SchedulesStatus { File = "/etc/hecnetjobs/jobs.xml", LoadedAt = Now - new TimeSpan(2, 13, 5) },
        Jobs =
        {
            ["housekeeping"] = new JobStatus
            {
                Type = "housekeeping",
                LastRun = Now - TimeSpan.FromMinutes(5),
                Result = "success",
                DurationMs = 1500,
                Summary = "deleted 3 history rows older than 30d; database 96 KiB",
                NextRun = Now + TimeSpan.FromMinutes(55),
            },
        },
    };
}
