namespace HecnetJobs.Store;

/// <summary>One delivery channel's row in <c>hj_channels</c>: its back-off and its latest error, for the outbox and the status file.</summary>
/// <param name="Attempts">Failed attempts in a row; 0 while the channel works.</param>
/// <param name="FailingSince">The first failure of the current run of failures, or null.</param>
public sealed record ChannelState(
    string Name,
    bool Active,
    int Attempts,
    DateTimeOffset? RetryAt,
    DateTimeOffset? FailingSince,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSentAt,
    int Queued,
    DateTimeOffset? OldestQueued);
