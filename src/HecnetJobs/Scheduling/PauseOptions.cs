namespace HecnetJobs.Scheduling;

/// <summary>The <c>pause</c> section: a pause always ends by itself, so a forgotten one cannot leave PyDECnet unsupervised for weeks.</summary>
public sealed class PauseOptions
{
    /// <summary>Length of <c>hecnetjobs pause</c> without <c>--for</c>. Default 2 h, range 1 min–7 d.</summary>
    public TimeSpan Default { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The longest pause <c>--for</c> may ask for. Default 24 h, range 1 min–30 d.</summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromHours(24);
}
