using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Cli;

public sealed class InstanceLockTests
{
    private static readonly string Schedule = TestFiles.Job("noop", "selftest");

    [Fact(Timeout = 120_000)]
    public async Task A_second_daemon_is_refused_with_the_holders_pid_and_exit_code_75()
    {
        using var fixture = new DaemonFixture(Schedule);
        using var first = await fixture.StartDaemonAsync();

        var second = await fixture.RunAsync("run");

        Assert.Equal(75, second.ExitCode);
        Assert.Equal(
            $"HecnetJobs is already running as PID {first.Pid} (lock {Path.Combine(fixture.DataDir, "hecnetjobs.lock")}); stop it first, or use 'hecnetjobs trigger' to hand it work",
            second.Stderr.Trim());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_new_daemon_starts_at_once_after_the_holder_is_killed_with_sigkill()
    {
        using var fixture = new DaemonFixture(Schedule);
        var first = await fixture.StartDaemonAsync();
        first.Signal(Signals.SIGKILL);
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));

        using var second = await fixture.StartDaemonAsync();

        Assert.Contains($"started as PID {second.Pid}", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(second.Pid, global::HecnetJobs.Scheduling.InstanceLock.ReadHolder(Path.Combine(fixture.DataDir, "hecnetjobs.lock")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Sigterm_stops_the_daemon_cleanly_with_exit_code_0_and_marks_the_status_file_stopped()
    {
        using var fixture = new DaemonFixture(Schedule);
        var daemon = await fixture.StartDaemonAsync();

        daemon.Signal(Signals.SIGTERM);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, daemon.ExitCode);
        Assert.Contains("\"mode\": \"stopped\"", fixture.StatusText, StringComparison.Ordinal);
        var status = await fixture.RunAsync("status");
        Assert.Equal(2, status.ExitCode);
    }
}
