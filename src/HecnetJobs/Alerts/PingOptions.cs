namespace HecnetJobs.Alerts;

/// <summary>The <c>alerts.ping</c> section: a Healthchecks.io-style dead man's switch pinged after each watchdog run.</summary>
public sealed class PingOptions
{
    /// <summary>The check's URL: hit on success, <c>URL/fail</c> on failure, <c>URL/start</c> before the run when <see cref="Start"/>. Required.</summary>
    public required Uri Url { get; init; }

    /// <summary>Also ping <c>URL/start</c> when a run begins (the service then measures run times). Default false.</summary>
    public bool Start { get; init; }

    /// <summary>Time for one ping. Default 10 s, range 1 s–1 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
