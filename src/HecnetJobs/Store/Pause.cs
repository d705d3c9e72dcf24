namespace HecnetJobs.Store;

/// <summary>A pause of one job (or of <c>all</c>): runs are skipped until <see cref="Until"/>, when it ends by itself.</summary>
public sealed record Pause(string Job, DateTimeOffset PausedAt, DateTimeOffset Until, string? Reason, string PausedBy);
