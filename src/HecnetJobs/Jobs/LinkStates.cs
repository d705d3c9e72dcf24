namespace HecnetJobs.Jobs;

/// <summary>The link state words, as the store, the history and the status file spell them.</summary>
public static class LinkStates
{
    public const string Up = "up";
    public const string Down = "down";

    /// <summary>As a confirmed state: never confirmed yet. As a check's verdict: the check could not tell.</summary>
    public const string Unknown = "unknown";

    /// <summary>The word for a verdict of the ncp parser.</summary>
    public static string Of(Pydecnet.LinkVerdict verdict) => verdict switch
    {
        Pydecnet.LinkVerdict.Up => Up,
        Pydecnet.LinkVerdict.Down => Down,
        _ => Unknown,
    };
}
