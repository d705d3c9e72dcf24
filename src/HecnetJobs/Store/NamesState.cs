using HecnetJobs.Names;

namespace HecnetJobs.Store;

/// <summary>What the name refresh remembers between runs (one row per name-refresh job): the last accepted list, the last refusal, a pending restart.</summary>
/// <param name="Source">The URL of the last list accepted; validators are only sent back to the same URL.</param>
/// <param name="NamesFile">The names file last written or checked.</param>
/// <param name="Validators">The last accepted response's <c>ETag</c> and <c>Last-Modified</c>, for the next conditional GET.</param>
/// <param name="FileSha256">The SHA-256 of the names file as HecnetJobs left it; a 304 counts only while the file is still that one.</param>
/// <param name="LastRefreshAt">When a list was last accepted (written, or found unchanged).</param>
/// <param name="Entries">How many entries that list has.</param>
/// <param name="Refused">Why the latest list was refused (by HecnetJobs or by PyDECnet); null once a list is accepted.</param>
/// <param name="RefusedSha256">The SHA-256 of a names file PyDECnet itself refused, so the same list is not tried again.</param>
/// <param name="PendingRestart">When a restart for new names is due (a quiet hour, or a restart the watchdog deferred); null when none is pending.</param>
/// <param name="PendingReason">What the pending restart is for, e.g. <c>new node names: 3 added</c>.</param>
public sealed record NamesState(
    string? Source = null,
    string? NamesFile = null,
    ConditionalGet? Validators = null,
    string? FileSha256 = null,
    DateTimeOffset? LastRefreshAt = null,
    int? Entries = null,
    int Added = 0,
    int Removed = 0,
    int Renamed = 0,
    string? Refused = null,
    DateTimeOffset? RefusedAt = null,
    string? RefusedSha256 = null,
    DateTimeOffset? PendingRestart = null,
    string? PendingReason = null);
