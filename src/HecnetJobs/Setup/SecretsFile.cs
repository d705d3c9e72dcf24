using System.Text;

namespace HecnetJobs.Setup;

/// <summary>
/// The root-only environment file the service unit reads (<c>EnvironmentFile=-/etc/hecnetjobs/secrets.env</c>), with the
/// SMTP password as <c>HECNETJOBS_SMTP_PASSWORD='...'</c>. Other lines of an existing file (the webhook secret) stay.
/// </summary>
public static class SecretsFile
{
    /// <summary>The file's name, beside the config file.</summary>
    public const string FileName = "secrets.env";

    /// <summary>The file's new text: <paramref name="existing"/> without its old line for <paramref name="variable"/>, then the new one.</summary>
    public static string Merge(string? existing, string variable, string value)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var text = new StringBuilder();
        if (existing is null)
            text.Append("# Secrets for HecnetJobs, read by its systemd unit (EnvironmentFile=). Root only: mode 600.\n");
        foreach (var line in (existing ?? "").Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (line.Length == 0 || trimmed.StartsWith(variable + "=", StringComparison.Ordinal) || trimmed.StartsWith($"export {variable}=", StringComparison.Ordinal))
                continue;
            text.Append(line).Append('\n');
        }
        text.Append(variable).Append('=').Append(Quote(value)).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// A value quoted so that systemd's EnvironmentFile= and a shell's <c>. file</c> both read it back unchanged: in single
    /// quotes when it has none, else in double quotes with <c>\</c>, <c>"</c>, <c>$</c> and <c>`</c> escaped.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('\'', StringComparison.Ordinal))
            return $"'{value}'";
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '$' or '`')
                quoted.Append('\\');
            quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }
}
