using HecnetJobs.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Scheduling;

public sealed class SchedulerLivenessTests
{
    [Fact]
    public void The_scheduler_counts_as_alive_only_while_its_heartbeat_is_recent()
    {
        var time = new FakeTimeProvider();
        var liveness = new SchedulerLiveness(time, TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(liveness.IsAlive);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(liveness.IsAlive);
        liveness.Beat();
        Assert.True(liveness.IsAlive);
    }

    [Theory]
    [InlineData(30, null, 30)]
    [InlineData(30, 60, 15)]
    [InlineData(30, 200, 30)]
    [InlineData(30, 2, 1)]
    public void The_heartbeat_runs_at_least_four_times_per_watchdog_timeout(int statusSeconds, int? watchdogSeconds, int expectedSeconds)
    {
        var interval = Daemon.HeartbeatInterval(
            TimeSpan.FromSeconds(statusSeconds),
            watchdogSeconds is { } w ? TimeSpan.FromSeconds(w) : null);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), interval);
    }
}
