namespace HecnetJobs.Reports;

/// <summary>One stretch of a PyDECnet state within a window.</summary>
public sealed record StateSpan(DateTimeOffset Start, DateTimeOffset End, string State)
{
    public TimeSpan Length => End - Start;
}
