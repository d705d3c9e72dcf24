namespace HecnetJobs.Jobs;

/// <summary>The kinds of history events and alerts the link probe writes (stable words: reports and the digest select on them).</summary>
public static class LinkEvents
{
    /// <summary>History event: a link's confirmed state changed (detail: target, old -> new, the check's reason, the diagnosis).</summary>
    public const string State = "link-state";

    /// <summary>Alert: a link is confirmed down.</summary>
    public const string Down = "link.down";

    /// <summary>Alert: a link that was down is confirmed up again.</summary>
    public const string Up = "link.up";

    /// <summary>Alert: a link is still down (<c>linkProbe.remindEvery</c>).</summary>
    public const string StillDown = "link.still-down";

    /// <summary>Alert: a link's checks have been unknown for <c>linkProbe.unknownAlertAfter</c>.</summary>
    public const string Unknown = "link.unknown";

    /// <summary>Alert: a link can be checked again after the unknown alert.</summary>
    public const string Checkable = "link.checkable";
}
