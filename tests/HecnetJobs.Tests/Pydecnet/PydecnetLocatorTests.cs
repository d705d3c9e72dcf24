using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>Finding PyDECnet in a fake /proc: by PID file when it is trustworthy, else by the configured command line.</summary>
public sealed class PydecnetLocatorTests : IDisposable
{
    private const string Script = "/opt/pydecnet/bin/pydecnet";

    private readonly TempDir _proc = new();
    private readonly TempDir _files = new();

    public void Dispose()
    {
        _proc.Dispose();
        _files.Dispose();
    }

    private void Process(int pid, string state, params string[] commandLine)
    {
        _proc.Write($"{pid}/stat", $"{pid} (python3) {state} 1 {pid} {pid} 0 -1 4194560 0 0 0 0 1 1 0 0 20 0 3 0 100 25128960 6135 18446744073709551615 1 1 0 0 0 0 0\n");
        _proc.Write($"{pid}/cmdline", string.Join('\0', commandLine) + "\0");
    }

    private PydecnetLocator Locator(string? pidFile = null, string command = Script, params string[] arguments) =>
        new(new PydecnetOptions
        {
            Command = command,
            Arguments = arguments.Length > 0 ? arguments : ["-L", "/var/log/node.log", "/etc/pydecnet/node.conf"],
            WorkingDirectory = "/",
            ConsoleLog = "/tmp/console.log",
            PidFile = pidFile,
        }, new ProcessTable(_proc.Path));

    [Fact]
    public void A_console_script_run_by_its_interpreter_is_found_by_its_command_line()
    {
        Process(300, "S", "/opt/pydecnet/bin/python3", Script, "-L", "/var/log/node.log", "/etc/pydecnet/node.conf");
        Process(301, "S", "/usr/bin/python3", "/usr/bin/other-tool", "-L", "/var/log/node.log", "/etc/pydecnet/node.conf");

        var result = Locator().Locate();

        Assert.Equal([300], result.Pids);
        Assert.Null(result.Note);
    }

    [Theory]
    [InlineData("pydecnet -L /var/log/node.log /etc/pydecnet/node.conf", true)]
    [InlineData("/usr/bin/python3 /opt/pydecnet/bin/pydecnet -L /var/log/node.log /etc/pydecnet/node.conf", true)]
    [InlineData("/usr/bin/python3 /opt/pydecnet/bin/pydecnet -L /var/log/node.log /etc/pydecnet/other.conf", false)]
    [InlineData("/usr/bin/python3 /opt/pydecnet/bin/pydecnet -L /var/log/node.log", false)]
    [InlineData("/usr/bin/python3 /opt/pydecnet/bin/pydecnet -L /var/log/node.log /etc/pydecnet/node.conf extra", false)]
    [InlineData("/usr/bin/strace -f /usr/bin/python3 /opt/pydecnet/bin/pydecnet -L /var/log/node.log /etc/pydecnet/node.conf", false)]
    [InlineData("less /opt/pydecnet/bin/pydecnet", false)]
    public void A_command_line_matches_only_the_configured_program_followed_by_exactly_the_configured_arguments(string commandLine, bool matches)
    {
        Assert.Equal(matches, Locator().Matches(commandLine.Split(' ')));
    }

    [Fact]
    public void A_module_start_with_python_m_matches_when_the_interpreter_is_the_command()
    {
        var locator = Locator(command: "python3", arguments: ["-m", "decnet.main", "/etc/pydecnet/node.conf"]);

        Assert.True(locator.Matches(["/usr/bin/python3", "-m", "decnet.main", "/etc/pydecnet/node.conf"]));
        Assert.False(locator.Matches(["/usr/bin/python3", "-m", "decnet.other", "/etc/pydecnet/node.conf"]));
    }

    [Fact]
    public void Zombies_are_not_counted()
    {
        Process(300, "Z", "/opt/pydecnet/bin/python3", Script, "-L", "/var/log/node.log", "/etc/pydecnet/node.conf");

        Assert.Empty(Locator().Locate().Pids);
    }

    [Fact]
    public void A_leader_that_exited_while_its_other_threads_run_is_still_counted()
    {
        // After SIGTERM PyDECnet's main thread may be gone ('Z') while another thread still holds the API socket.
        Process(300, "Z", "/opt/pydecnet/bin/python3", Script, "-L", "/var/log/node.log", "/etc/pydecnet/node.conf");
        Directory.CreateDirectory(Path.Combine(_proc.Path, "300", "task", "300"));
        Directory.CreateDirectory(Path.Combine(_proc.Path, "300", "task", "301"));

        Assert.Equal([300], Locator().Locate().Pids);
    }

    [Fact]
    public void Two_matching_processes_are_both_reported_lowest_pid_first()
    {
        Process(900, "S", "python3", Script, "-L", "/var/log/node.log", "/etc/pydecnet/node.conf");
        Process(450, "S", "python3", Script, "-L", "/var/log/node.log", "/etc/pydecnet/node.conf");

        Assert.Equal([450, 900], Locator().Locate().Pids);
    }

    [Fact]
    public void A_pid_file_naming_a_live_pydecnet_is_used_without_a_note()
    {
        Process(300, "S", "python3", Script, "-L", "/var/log/node.log", "/etc/pydecnet/node.conf");
        var pidFile = _files.Write("pydecnet.pid", "300\n");

        var result = Locator(pidFile).Locate();

        Assert.Equal([300], result.Pids);
        Assert.Null(result.Note);
    }

    [Fact]
    public void A_pid_file_naming_another_program_is_stale_and_the_scan_still_finds_pydecnet()
    {
        Process(300, "S", "/usr/sbin/sshd", "-D");
        Process(700, "S", "python3", Script, "-L", "/var/log/node.log", "/etc/pydecnet/node.conf");
        var pidFile = _files.Write("pydecnet.pid", "300\n");

        var result = Locator(pidFile).Locate();

        Assert.Equal([700], result.Pids);
        Assert.Equal($"PID file {pidFile} names PID 300, which is another program (stale PID file)", result.Note);
    }

    [Fact]
    public void A_pid_file_naming_a_dead_process_is_stale()
    {
        var pidFile = _files.Write("pydecnet.pid", "12345\n");

        var result = Locator(pidFile).Locate();

        Assert.Empty(result.Pids);
        Assert.Equal($"PID file {pidFile} names PID 12345, which is not running (stale PID file)", result.Note);
    }

    [Theory]
    [InlineData("garbage", "garbage")]
    [InlineData("-5", "-5")]
    [InlineData("0", "0")]
    [InlineData("", "")]
    [InlineData("123456789012345678901234", "12345678901234567890...")]
    public void A_pid_file_that_holds_no_process_number_is_ignored_and_quoted(string content, string shown)
    {
        var pidFile = _files.Write("pydecnet.pid", content + "\n");

        var result = Locator(pidFile).Locate();

        Assert.Equal($"PID file {pidFile} holds '{shown}', not a process number (ignored)", result.Note);
    }

    [Fact]
    public void A_missing_pid_file_is_not_a_problem()
    {
        var result = Locator(_files.File("none.pid")).Locate();

        Assert.Empty(result.Pids);
        Assert.Null(result.Note);
    }
}
