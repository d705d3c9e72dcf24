using HecnetJobs.Alerts;

namespace HecnetJobs.Tests.Alerts;

public sealed class RetryBackoffTests
{
    [Fact]
    public void The_wait_doubles_from_the_initial_one_and_stops_at_the_cap()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15), () => 0);

        var waits = Enumerable.Range(1, 8).Select(backoff.Delay).Select(d => (int)d.TotalSeconds);

        Assert.Equal([30, 60, 120, 240, 480, 900, 900, 900], waits);
        Assert.Equal(TimeSpan.FromMinutes(15), backoff.Delay(1000));
    }

    [Fact]
    public void Jitter_takes_at_most_a_fifth_off_and_never_goes_past_the_cap()
    {
        var lowest = new RetryBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15), () => 0.999_999);
        var any = new RetryBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15));

        Assert.Equal(24, (int)Math.Round(lowest.Delay(1).TotalSeconds));
        Assert.Equal(720, (int)Math.Round(lowest.Delay(9).TotalSeconds));
        Assert.All(Enumerable.Range(1, 200).Select(i => any.Delay(i % 12 + 1)), d => Assert.InRange(d, TimeSpan.FromSeconds(24), TimeSpan.FromMinutes(15)));
    }
}
