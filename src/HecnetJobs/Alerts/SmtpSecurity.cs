namespace HecnetJobs.Alerts;

/// <summary>The words of <c>alerts.smtp.security</c>.</summary>
public static class SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which must succeed (port 587).</summary>
    public const string StartTls = "starttls";

    /// <summary>TLS from the first byte (port 465).</summary>
    public const string Tls = "tls";

    /// <summary>No encryption: only for a relay on the same host or network, and never with a password to a remote host.</summary>
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [StartTls, Tls, None];

    /// <summary>The usual port for a security word.</summary>
    public static int DefaultPort(string security) => security switch
    {
        Tls => 465,
        None => 25,
        _ => 587,
    };
}
