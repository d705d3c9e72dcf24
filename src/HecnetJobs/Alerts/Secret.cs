namespace HecnetJobs.Alerts;

/// <summary>
/// A password or key from the config or the environment. It prints as <c>(secret)</c>, so string interpolation into a
/// log line, an error or the status file cannot leak it; only <see cref="Reveal"/> hands out the value.
/// </summary>
public sealed class Secret(string value)
{
    /// <summary>The value, for the one place that must send it (a login, an HMAC key).</summary>
    public string Reveal() => value;

    /// <summary>Replaces every occurrence of the value in <paramref name="text"/> (a server's error text, say) with <c>***</c>.</summary>
    public string Redact(string text) => value.Length == 0 ? text : text.Replace(value, "***", StringComparison.Ordinal);

    public override string ToString() => "(secret)";
}
