namespace HecnetJobs.Setup;

/// <summary>What the questions of one setup run start from: the places, what was found there, the flags and the config file to write.</summary>
public sealed record SetupContext
{
    public required SetupPlaces Places { get; init; }

    public required ToolFinder Tools { get; init; }

    public required Discovery Found { get; init; }

    public required SetupFlags Flags { get; init; }

    /// <summary>The config file to write, as a full path.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>The value of <c>$HECNETJOBS_SMTP_PASSWORD</c>, offered as the password; null when unset.</summary>
    public string? SmtpPasswordFromEnvironment { get; init; }

    /// <summary>The service's data folder when run as root, else <c>data</c> beside the config file.</summary>
    public string DefaultDataDir => Places.IsRoot ? "/var/lib/hecnetjobs" : Path.Combine(Path.GetDirectoryName(ConfigFile)!, "data");
}
