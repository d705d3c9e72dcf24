namespace HecnetJobs.Jobs;

/// <summary>The <c>housekeeping</c> section.</summary>
public sealed class HousekeepingOptions
{
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    /// <summary>History older than this is deleted. Default 30 days, range 1 hour–10 years.</summary>
    public TimeSpan Retention { get; init; } = DefaultRetention;
}
