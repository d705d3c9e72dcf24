using System.Globalization;
using HecnetJobs.Platform;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Platform;

/// <summary>
/// The Windows process control uses only portable .NET calls, so its logic runs here for real: output appended to the
/// console log through this process, a kill of the whole tree, waiting for an exit, exit codes of our own children.
/// What only Windows can show (TerminateProcess, no console) is described in docs/windows.md.
/// </summary>
public sealed class WindowsProcessControlTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly WindowsProcessControl _control = new();
    private readonly List<int> _pids = [];

    public void Dispose()
    {
        foreach (var pid in _pids)
            _control.Kill(pid, wholeGroup: true);
        _dir.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_start_appends_stdout_and_stderr_to_the_console_log()
    {
        var log = _dir.Write("console.log", "earlier line\n");

        var pid = Start("/bin/sh", ["-c", "echo to-stdout; echo to-stderr >&2"], log);
        await WaitForExitAsync(pid);

        await Poll.UntilAsync(() => Lines(log).Length == 3, "three lines in the console log", () => File.ReadAllText(log));
        var lines = Lines(log);
        Assert.Equal("earlier line", lines[0]);
        Assert.Equal(["to-stderr", "to-stdout"], lines[1..].Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_exit_code_of_a_child_started_here_is_known_once_it_has_exited()
    {
        var pid = Start("/bin/sh", ["-c", "exit 3"], _dir.File("console.log"));

        await WaitForExitAsync(pid);

        Assert.Equal(3, _control.TryReap(pid));
        Assert.Null(_control.TryReap(pid));
    }

    [Fact]
    public void A_missing_program_is_a_failed_start_that_names_it()
    {
        var missing = _dir.File("no-such-pydecnet");

        var result = _control.Spawn(missing, [], _dir.Path, _dir.File("console.log"));

        Assert.Equal(0, result.Pid);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_console_log_that_cannot_be_opened_is_a_failed_start_that_names_it()
    {
        var log = _dir.File("no-such-folder/console.log");

        var result = _control.Spawn("/bin/true", [], _dir.Path, log);

        Assert.Equal(0, result.Pid);
        Assert.StartsWith($"cannot open {log}: ", result.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_kill_ends_the_process_and_its_children()
    {
        var log = _dir.File("console.log");
        // Like pip's pydecnet.exe launcher, which runs python.exe as its child.
        var pid = Start("/bin/sh", ["-c", "sleep 300 & echo $!; wait"], log);
        await Poll.UntilAsync(() => Lines(log).Length == 1, "the child's PID in the console log", () => File.ReadAllText(log));
        var child = int.Parse(Lines(log)[0], CultureInfo.InvariantCulture);
        var processes = new WindowsProcessList();

        _control.Kill(pid, wholeGroup: false);

        await Poll.UntilAsync(() => !processes.IsAlive(pid) && !processes.IsAlive(child), $"PIDs {pid} and {child} gone");
    }

    [Fact(Timeout = 60_000)]
    public async Task Waiting_for_an_exit_returns_when_the_watch_is_cancelled()
    {
        var pid = Start("/bin/sleep", ["300"], _dir.File("console.log"));
        using var stop = new CancellationTokenSource();
        var waiting = Task.Factory.StartNew(() => _control.WaitForExit(pid, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        await stop.CancelAsync();

        await waiting.WaitAsync(Poll.DefaultDeadline);
        Assert.True(new WindowsProcessList().IsAlive(pid));
    }

    [Fact(Timeout = 60_000)]
    public async Task Waiting_for_an_exit_returns_when_the_process_is_killed()
    {
        var pid = Start("/bin/sleep", ["300"], _dir.File("console.log"));
        var waiting = Task.Factory.StartNew(() => _control.WaitForExit(pid, CancellationToken.None), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        _control.Kill(pid, wholeGroup: true);

        await waiting.WaitAsync(Poll.DefaultDeadline);
        Assert.Equal(137, _control.TryReap(pid));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_exit_watcher_on_the_windows_control_calls_back_when_the_process_is_killed()
    {
        var pid = Start("/bin/sleep", ["300"], _dir.File("console.log"));
        var exited = new TaskCompletionSource<(string Job, int Pid)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new HecnetJobs.Pydecnet.ExitWatcher((job, exitedPid) => { exited.TrySetResult((job, exitedPid)); return Task.CompletedTask; }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, _control);
        watcher.Watch("watchdog", pid);

        _control.Kill(pid, wholeGroup: true);

        Assert.Equal(("watchdog", pid), await exited.Task.WaitAsync(Poll.DefaultDeadline));
        Assert.Null(watcher.Watched("watchdog"));
    }

    [Fact]
    public void The_process_list_sees_this_process_and_reads_no_command_line_off_windows()
    {
        var processes = new WindowsProcessList();

        Assert.Contains(Environment.ProcessId, processes.Pids());
        Assert.True(processes.IsAlive(Environment.ProcessId));
        Assert.False(processes.IsAlive(0));
        Assert.Null(processes.CommandLine(Environment.ProcessId));
    }

    private int Start(string program, IReadOnlyList<string> arguments, string log)
    {
        var result = _control.Spawn(program, arguments, _dir.Path, log);
        Assert.True(result.Error is null, result.Error);
        _pids.Add(result.Pid);
        return result.Pid;
    }

    private async Task WaitForExitAsync(int pid) =>
        await Task.Factory.StartNew(() => _control.WaitForExit(pid, CancellationToken.None), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(Poll.DefaultDeadline);

    private static string[] Lines(string path) => File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
