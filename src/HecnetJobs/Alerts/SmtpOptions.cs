namespace HecnetJobs.Alerts;

/// <summary>The <c>alerts.smtp</c> section: a mail server reached with MailKit.</summary>
public sealed class SmtpOptions
{
    /// <summary>The server's host name, e.g. <c>smtp.gmail.com</c>. Required.</summary>
    public required string Host { get; init; }

    /// <summary>Default 587 with <c>starttls</c>, 465 with <c>tls</c>, 25 with <c>none</c>.</summary>
    public int Port { get; init; } = 587;

    /// <summary><c>starttls</c> (default), <c>tls</c> (implicit, port 465) or <c>none</c>; certificates are always validated.</summary>
    public string Security { get; init; } = SmtpSecurity.StartTls;

    /// <summary>Login name, or null to send without logging in.</summary>
    public string? User { get; init; }

    /// <summary>The password; <c>HECNETJOBS_SMTP_PASSWORD</c> overrides the file's value.</summary>
    public Secret? Password { get; init; }

    /// <summary>The sender address. Default: <see cref="User"/> when it is an address, else <c>hecnetjobs@&lt;host name&gt;</c>.</summary>
    public required string From { get; init; }

    /// <summary>The recipients, at least one.</summary>
    public required IReadOnlyList<string> To { get; init; }

    /// <summary>A PEM or DER certificate trusted as an extra root, for a server with a private CA; null for the system's roots only.</summary>
    public string? CaFile { get; init; }

    /// <summary>Connect, command and reply timeout. Default 30 s, range 1 s–5 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public string MinSeverity { get; init; } = AlertSeverity.Info;
}
