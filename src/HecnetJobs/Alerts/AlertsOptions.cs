namespace HecnetJobs.Alerts;

/// <summary>The <c>alerts</c> section: who the node is, how delivery retries, and the channels.</summary>
public sealed class AlertsOptions
{
    /// <summary>The name in every subject, <c>[HECnet NAME]</c>. Default: the host name in capitals.</summary>
    public string NodeName { get; init; } = "HECNET";

    /// <summary>A channel failing for longer than this makes <c>status</c> say WARNING. Default 1 h, range 1 min–7 d.</summary>
    public TimeSpan WarnAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Wait after a channel's first failed attempt; doubled per further failure. Default 30 s, range 1 s–1 h.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts; delivery never gives up. Default 15 min, range 1 s–1 d; not shorter than <see cref="RetryInitial"/>.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The folder of <c>.eml</c> files, or null when off (on by default when no SMTP server is configured).</summary>
    public EmlOptions? Eml { get; init; }

    public SmtpOptions? Smtp { get; init; }

    public WebhookOptions? Webhook { get; init; }

    /// <summary>The dead man's switch, pinged after each watchdog run; null when not configured.</summary>
    public PingOptions? Ping { get; init; }
}
