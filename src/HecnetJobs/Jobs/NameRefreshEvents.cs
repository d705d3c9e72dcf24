namespace HecnetJobs.Jobs;

/// <summary>The kinds of history events the name refresh writes (stable words: the digest selects on them).</summary>
public static class NameRefreshEvents
{
    /// <summary>A new list was written (detail: the diff summary, then one line each for added, removed and renamed).</summary>
    public const string Changed = "names-changed";

    /// <summary>The list is the one already in the file, or the server answered 304 (detail: <c>no change</c> and how it was known).</summary>
    public const string Unchanged = "names-unchanged";

    /// <summary>A list was refused and the file kept (detail: every reason, one a line).</summary>
    public const string Refused = "names-refused";

    /// <summary>No list could be fetched (detail: the error and each failed attempt).</summary>
    public const string DownloadFailed = "download-failed";

    /// <summary>PyDECnet was restarted to read new names (detail: the watchdog's summary).</summary>
    public const string Restart = "names-restart";

    /// <summary>A restart is waiting: for the quiet hour, or for the watchdog's back-off (detail: until when and why).</summary>
    public const string RestartPending = "restart-pending";

    /// <summary>PyDECnet refused the new file, so the previous one was put back (detail: what PyDECnet said).</summary>
    public const string Restored = "names-restored";
}
