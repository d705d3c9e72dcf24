using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Cli;

/// <summary><c>pause</c> and <c>resume</c> through the real executable: runs are skipped, the pause ends by itself, mistakes are one line.</summary>
public sealed class PauseTests
{
    private static readonly string Schedule = TestFiles.Job("ok", "selftest") + TestFiles.Job("other", "selftest");

    [Fact(Timeout = 120_000)]
    public async Task A_paused_job_is_skipped_by_trigger_with_exit_code_0_and_the_pause_in_the_history()
    {
        using var fixture = new DaemonFixture(Schedule);

        var pause = await fixture.RunAsync("pause", "ok", "--for", "1h", "--reason", "upgrading PyDECnet");
        var run = await fixture.RunAsync("trigger", "ok", "--wait");

        Assert.Equal(0, pause.ExitCode);
        Assert.Matches(@"^ok: paused until \d{4}-\d\d-\d\d \d\d:\d\d \(1h\): upgrading PyDECnet$", pause.Stdout.Trim());
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^ok: skipped: paused until \d{4}-\d\d-\d\d \d\d:\d\d by \S+: upgrading PyDECnet$", run.Stdout.Trim());
        Assert.Equal(1, fixture.Scalar("SELECT count(*) FROM hj_job_runs WHERE job = 'ok' AND result = 'skipped'"));
        Assert.Contains("\"reason\": \"upgrading PyDECnet\"", fixture.StatusText, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Resume_ends_the_pause_and_the_next_trigger_runs_the_job()
    {
        using var fixture = new DaemonFixture(Schedule);
        await fixture.RunAsync("pause", "all");

        var resume = await fixture.RunAsync("resume", "all");
        var again = await fixture.RunAsync("resume", "ok");
        var run = await fixture.RunAsync("trigger", "ok", "--wait");

        Assert.Equal("resumed 1 paused job(s)", resume.Stdout.Trim());
        // The ended pause stays in the history (for the digest) with its end moved to the resume.
        Assert.Equal(1, fixture.Scalar("SELECT count(*) FROM hj_pauses WHERE job = 'all' AND until <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"));
        Assert.Equal("ok: was not paused", again.Stdout.Trim());
        Assert.Equal("ok: success: selftest passed after 0s", run.Stdout.Trim());
    }

    [Fact(Timeout = 120_000)]
    public async Task Pausing_all_jobs_pauses_every_job()
    {
        using var fixture = new DaemonFixture(Schedule);
        await fixture.RunAsync("pause", "all", "--for", "10m");

        var run = await fixture.RunAsync("trigger", "other", "--wait");

        Assert.StartsWith("other: skipped: paused until ", run.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_pause_past_the_end_is_over_without_a_resume()
    {
        using var fixture = new DaemonFixture(Schedule);
        await fixture.RunAsync("pause", "ok", "--for", "1h");
        fixture.Execute("UPDATE hj_pauses SET until = '2000-01-01T00:00:00.000Z'");

        var run = await fixture.RunAsync("trigger", "ok", "--wait");

        Assert.Equal("ok: success: selftest passed after 0s", run.Stdout.Trim());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_pause_longer_than_pause_max_is_refused_with_exit_code_2()
    {
        using var fixture = new DaemonFixture(Schedule);

        var run = await fixture.RunAsync("pause", "ok", "--for", "3d");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--for: '3d' is longer than pause.max ('1d'); a pause must end by itself", run.Stderr.Trim());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_bad_duration_is_a_usage_error()
    {
        using var fixture = new DaemonFixture(Schedule);

        var run = await fixture.RunAsync("pause", "ok", "--for", "soon");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("--for: 'soon' is not a duration above zero (e.g. 2h)", run.Stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Pausing_a_job_that_does_not_exist_exits_66_and_lists_the_jobs()
    {
        using var fixture = new DaemonFixture(Schedule);

        var run = await fixture.RunAsync("pause", "watchdgo");

        Assert.Equal(66, run.ExitCode);
        Assert.Equal($"{fixture.Dir.File("jobs.xml")}: no job named 'watchdgo' (jobs: ok, other, or 'all')", run.Stderr.Trim());
        Assert.False(File.Exists(fixture.DatabaseFile) && fixture.Scalar("SELECT count(*) FROM hj_pauses") > 0);
    }
}
