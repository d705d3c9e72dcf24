using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Scheduling;

public sealed class MisfireTests
{
    private const long FortyEightHours = 48L * 3600 * 1000;

    private static readonly string Schedule =
        TestFiles.Job("refresh", "selftest") + TestFiles.SimpleTrigger("refresh-48h", "refresh", FortyEightHours, "FireNow") +
        TestFiles.Job("skipper", "selftest") + TestFiles.SimpleTrigger("skipper-48h", "skipper", FortyEightHours, "RescheduleNextWithRemainingCount");

    [Fact(Timeout = 180_000)]
    public async Task A_48_hour_job_that_became_due_while_down_runs_once_after_restart_and_a_skip_policy_runs_none()
    {
        using var fixture = new DaemonFixture(Schedule);
        var first = await fixture.StartDaemonAsync();
        await Poll.UntilAsync(() => Runs(fixture, "refresh") == 1 && Runs(fixture, "skipper") == 1, "the first run of both jobs", () => first.Stderr);
        first.Signal(Signals.SIGTERM);
        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Pretend the daemon was down across the due time: both triggers were due an hour ago.
        var anHourAgo = TimeProvider.System.GetUtcNow().AddHours(-1).UtcTicks;
        fixture.Execute($"UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = {anHourAgo} WHERE TRIGGER_NAME IN ('refresh-48h', 'skipper-48h')");

        using var second = await fixture.StartDaemonAsync();
        var startedAt = TimeProvider.System.GetUtcNow();
        await Poll.UntilAsync(
            () => Runs(fixture, "refresh") == 2 && NextFire(fixture, "skipper-48h") > startedAt.UtcTicks,
            "refresh to run once more and skipper's misfire to be handled",
            () => $"refresh runs {Runs(fixture, "refresh")}, skipper next {NextFire(fixture, "skipper-48h")}\n{second.Stderr}");

        // Not many: the next refresh is 48 hours away, so no other run can follow.
        Assert.True(NextFire(fixture, "refresh-48h") > startedAt.AddHours(47).UtcTicks);
        Assert.Equal(1, Runs(fixture, "skipper"));
        Assert.Equal(2, Runs(fixture, "refresh"));
    }

    private static long Runs(DaemonFixture fixture, string job) =>
        fixture.Scalar($"SELECT count(*) FROM hj_job_runs WHERE job = '{job}' AND result = 'success'");

    private static long NextFire(DaemonFixture fixture, string trigger) =>
        fixture.Scalar($"SELECT NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = '{trigger}'");
}
