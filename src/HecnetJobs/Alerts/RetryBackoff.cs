namespace HecnetJobs.Alerts;

/// <summary>
/// Capped exponential back-off with jitter for a failing channel: after failure n the next attempt waits
/// <c>min(max, initial · 2^(n-1))</c>, less up to a fifth at random so many installs behind one mail server do not
/// retry in step. Kept as a due time in SQLite rather than a Polly retry loop, because the wait must survive a restart.
/// </summary>
public sealed class RetryBackoff(TimeSpan initial, TimeSpan max, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row (1 for the first).</summary>
    public TimeSpan Delay(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ticks = Math.Min(initial.Ticks * Math.Pow(2, exponent), max.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 - 0.2 * _random())));
    }
}
