namespace HecnetJobs.Config;

/// <summary>Finds the config file: <c>--config</c>, else <c>$HECNETJOBS_CONFIG</c>, else <c>/etc/hecnetjobs/config.json</c>, else <c>./hecnetjobs.json</c>.</summary>
public static class ConfigLocator
{
    public const string EnvironmentVariable = "HECNETJOBS_CONFIG";
    public const string SystemPath = "/etc/hecnetjobs/config.json";
    public const string LocalPath = "hecnetjobs.json";

    /// <summary>The path to read, or a user-facing error listing where it looked.</summary>
    public static string Locate(string? fromCommandLine)
    {
        if (!string.IsNullOrEmpty(fromCommandLine))
            return fromCommandLine;
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
            return fromEnvironment;
        if (File.Exists(SystemPath))
            return SystemPath;
        if (File.Exists(LocalPath))
            return LocalPath;
        throw new HecnetJobsException(
            $"no config file: looked for --config, ${EnvironmentVariable}, {SystemPath} and ./{LocalPath}; pass --config PATH (see docs/configuration.md)",
            ExitCodes.Config);
    }
}
