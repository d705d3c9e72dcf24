using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Cli;

public sealed class TriggerTests
{
    private static readonly string Schedule =
        TestFiles.Job("ok", "selftest") +
        TestFiles.Job("broken", "selftest", TestFiles.Entry("outcome", "failure")) +
        TestFiles.Job("slow", "selftest", TestFiles.Entry("duration", "300ms"));

    [Fact(Timeout = 120_000)]
    public async Task Without_a_daemon_trigger_runs_the_job_itself_and_records_it_in_the_database()
    {
        using var fixture = new DaemonFixture(Schedule);

        var run = await fixture.RunAsync("trigger", "ok", "--wait");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("ok: success: selftest passed after 0s", run.Stdout.Trim());
        Assert.Equal(1, fixture.Scalar("SELECT count(*) FROM hj_job_runs WHERE job = 'ok' AND origin = 'cli' AND result = 'success'"));
        Assert.Contains("\"mode\": \"oneshot\"", fixture.StatusText, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_a_daemon_a_failing_job_exits_1_and_says_why_on_stderr()
    {
        using var fixture = new DaemonFixture(Schedule);

        var run = await fixture.RunAsync("trigger", "broken");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("broken: failure: selftest failed on purpose after 0s", run.Stderr.Trim());
        Assert.Equal("", run.Stdout);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_unknown_job_name_exits_66_and_lists_the_jobs()
    {
        using var fixture = new DaemonFixture(Schedule);

        var run = await fixture.RunAsync("trigger", "nosuch");

        Assert.Equal(66, run.ExitCode);
        Assert.Equal($"{fixture.Dir.File("jobs.xml")}: no job named 'nosuch' (jobs: ok, broken, slow)", run.Stderr.Trim());
    }

    [Fact(Timeout = 120_000)]
    public async Task With_a_daemon_running_trigger_wait_hands_the_job_over_and_reports_success_and_failure()
    {
        using var fixture = new DaemonFixture(Schedule);
        using var daemon = await fixture.StartDaemonAsync();

        var ok = await fixture.RunAsync("trigger", "ok", "--wait");
        var broken = await fixture.RunAsync("trigger", "broken", "--wait");

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("ok: success: selftest passed after 0s", ok.Stdout.Trim());
        Assert.Equal(1, broken.ExitCode);
        Assert.Equal("broken: failure: selftest failed on purpose after 0s", broken.Stderr.Trim());
        // The daemon ran both, not the CLI processes.
        Assert.Equal(2, fixture.Scalar($"SELECT count(*) FROM hj_job_runs WHERE origin = 'request' AND pid = {daemon.Pid}"));
        Assert.Equal(0, fixture.Scalar("SELECT count(*) FROM hj_job_runs WHERE origin = 'cli'"));
    }

    [Fact(Timeout = 180_000)]
    public async Task Many_triggers_against_a_busy_daemon_all_run_and_none_is_lost()
    {
        // The daemon is kept busy by a job firing every second while ten CLI processes hand it requests at once.
        var schedule = Schedule + TestFiles.SimpleTrigger("busy", "slow", 1000);
        using var fixture = new DaemonFixture(schedule);
        using var daemon = await fixture.StartDaemonAsync();

        var triggers = Enumerable.Range(0, 10).Select(_ => fixture.RunAsync("trigger", "ok")).ToList();
        var finished = await Task.WhenAll(triggers);

        Assert.All(finished, t => Assert.Equal(0, t.ExitCode));
        await Poll.UntilAsync(
            () => fixture.Scalar("SELECT count(*) FROM hj_trigger_requests WHERE result = 'success'") == 10,
            "all 10 requests finished",
            () => $"requests finished: {fixture.Scalar("SELECT count(*) FROM hj_trigger_requests WHERE finished_at IS NOT NULL")}\n{daemon.Stderr}");
        Assert.Equal(10, fixture.Scalar("SELECT count(*) FROM hj_job_runs WHERE job = 'ok' AND origin = 'request'"));
        Assert.Equal(10, fixture.Scalar("SELECT count(DISTINCT run_id) FROM hj_trigger_requests"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_request_left_queued_when_the_daemon_stops_runs_when_it_starts_again()
    {
        using var fixture = new DaemonFixture(Schedule);
        var daemon = await fixture.StartDaemonAsync();
        daemon.Signal(Signals.SIGKILL);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));
        // Written as a CLI would while a daemon held the lock: the row is the whole hand-off.
        fixture.Execute("INSERT INTO hj_trigger_requests (job, requested_at, requested_by) VALUES ('ok', '2026-01-01T00:00:00.000Z', 1)");

        using var again = await fixture.StartDaemonAsync();

        await Poll.UntilAsync(
            () => fixture.Scalar("SELECT count(*) FROM hj_trigger_requests WHERE result = 'success'") == 1,
            "the queued request to run",
            () => again.Stderr);
    }
}
