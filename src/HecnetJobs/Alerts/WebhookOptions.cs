namespace HecnetJobs.Alerts;

/// <summary>The <c>alerts.webhook</c> section: a JSON POST per message (docs/alerts.md shows the body).</summary>
public sealed class WebhookOptions
{
    /// <summary>An absolute http or https URL. Required. Treated as a secret in messages (only its scheme, host and port are shown), since many services put a token in it.</summary>
    public required Uri Url { get; init; }

    /// <summary>When set, the body is signed: <c>X-Hecnetjobs-Signature: sha256=&lt;hex HMAC-SHA256&gt;</c>. <c>HECNETJOBS_WEBHOOK_SECRET</c> overrides the file's value.</summary>
    public Secret? Secret { get; init; }

    /// <summary>Time for the whole request. Default 10 s, range 1 s–5 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public string MinSeverity { get; init; } = AlertSeverity.Info;
}
