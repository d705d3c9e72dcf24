namespace HecnetJobs.Alerts;

/// <summary>The <c>alerts.eml</c> section: every alert message also lands as a file a mail client can open.</summary>
public sealed class EmlOptions
{
    /// <summary>Where the files go. Default <c>&lt;dataDir&gt;/mail</c>.</summary>
    public required string Folder { get; init; }

    /// <summary>The least severe alert this channel sends: <c>info</c> (default), <c>warning</c> or <c>critical</c>.</summary>
    public string MinSeverity { get; init; } = AlertSeverity.Info;
}
