namespace HecnetJobs.Jobs;

/// <summary>The <c>watchdog</c> section: how quickly PyDECnet counts as hung, and the restart budget.</summary>
public sealed class WatchdogOptions
{
    /// <summary>Connect and read timeout of one API probe. Default 5 s, range 100 ms–1 min.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A process that has not answered for this long is hung and restarted. Default 5 min, range 1 s–1 d.</summary>
    public TimeSpan HangAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time between SIGTERM and SIGKILL (real PyDECnet needs about 10 s). Default 15 s, range 1 s–5 min.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a started PyDECnet has to answer on its API socket. Default 30 s, range 1 s–10 min.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Restarts allowed within <see cref="RestartWindow"/> before back-off starts. Default 5, range 1–100.</summary>
    public int RestartBurst { get; init; } = 5;

    /// <summary>The window the burst is counted in; running this long without a restart also ends a back-off. Default 30 min, range 1 min–1 d.</summary>
    public TimeSpan RestartWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>First wait once the burst is used up; each further restart doubles it. Default 2 min, range 1 s–1 d.</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest wait between restarts; the watchdog never gives up. Default 1 h, range 1 s–7 d.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Whether every single restart raises an alert (the "restarting too often" alert is raised either way). Default true.</summary>
    public bool AlertEachRestart { get; init; } = true;

    /// <summary>In daemon mode, run the watchdog the moment PyDECnet exits (pidfd) instead of waiting for the schedule. Default true; false only to measure the poll-only design.</summary>
    public bool ReactToExit { get; init; } = true;

    /// <summary>The shortest time over which unchanged <c>/stats/raw</c> counters count as a stuck main loop. Default 10 s, range 1 s–10 min.</summary>
    public TimeSpan MainLoopGap { get; init; } = TimeSpan.FromSeconds(10);
}
