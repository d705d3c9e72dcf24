namespace HecnetJobs.Jobs;

/// <summary>The kinds of history events and alerts the watchdog writes (stable words: reports and the digest select on them).</summary>
public static class WatchdogEvents
{
    /// <summary>The state word changed (detail: old -> new, why).</summary>
    public const string State = "state";

    /// <summary>PyDECnet was started and answered (detail: reason, PID, time to answer).</summary>
    public const string Restart = "restart";

    /// <summary>A start did not bring up an answering PyDECnet (detail: the classified cause).</summary>
    public const string StartFailed = "start-failed";

    /// <summary>A hung PyDECnet was stopped (detail: SIGTERM or SIGKILL, after how long).</summary>
    public const string Stop = "stop";

    /// <summary>The burst was used up; restarts wait (detail: until when).</summary>
    public const string Backoff = "backoff";

    /// <summary>The back-off was cleared by <c>trigger watchdog --reset</c>.</summary>
    public const string Reset = "reset";

    /// <summary>A stale API socket file was removed.</summary>
    public const string SocketRemoved = "socket-removed";

    /// <summary>The host's vitals crossed a threshold or came back (detail: the findings, or <c>ok</c>).</summary>
    public const string Vitals = "vitals";

    /// <summary>A PyDECnet process was created (detail: the command line); the restart or start-failed event follows.</summary>
    public const string Spawn = "spawn";
}
