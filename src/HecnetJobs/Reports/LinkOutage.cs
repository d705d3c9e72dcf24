namespace HecnetJobs.Reports;

/// <summary>A link confirmed down from <see cref="Start"/> to <see cref="End"/>, cut to the window; <see cref="Ongoing"/> when it was still down at the window's end.</summary>
public sealed record LinkOutage(DateTimeOffset Start, DateTimeOffset End, bool Ongoing, string Reason)
{
    public TimeSpan Length => End - Start;
}
