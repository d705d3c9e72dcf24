using System.Runtime.Versioning;
using HecnetJobs.Setup;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Setup;

/// <summary>A running PyDECnet read from a fake /proc: its exact command line and folder, which the config must repeat for the watchdog to recognise it.</summary>
[SupportedOSPlatform("linux")]
public sealed class RunningPydecnetFinderTests : IDisposable
{
    private readonly SetupRig _rig = new();

    [Fact]
    public void A_venv_script_run_by_its_interpreter_gives_the_script_and_the_arguments_after_it()
    {
        AddProcess(812, ["/home/pi/venv/bin/python3", "/home/pi/venv/bin/pydecnet", "-L", "/var/log/pydecnet/node.log", "/etc/pydecnet/node.conf"], "/home/pi");

        var running = Assert.Single(Find());

        Assert.Equal(812, running.Pid);
        Assert.Equal("/home/pi/venv/bin/pydecnet", running.Command);
        Assert.Equal(["-L", "/var/log/pydecnet/node.log", "/etc/pydecnet/node.conf"], running.Arguments);
        Assert.Equal(["/etc/pydecnet/node.conf"], running.ConfigFiles);
        Assert.Equal("/var/log/pydecnet/node.log", running.LogFile);
    }

    [Fact]
    public void A_checkout_run_as_a_module_gives_the_interpreter_and_its_folder_and_relative_configs_resolve_there()
    {
        var checkout = _rig.Dir.File("src/pydecnet/pydecnet");
        Directory.CreateDirectory(checkout);
        AddProcess(900, ["/usr/bin/python3.11", "-m", "decnet.main", "--log-file=node.log", "node.conf"], checkout);

        var running = Assert.Single(Find());

        Assert.Equal("/usr/bin/python3.11", running.Command);
        Assert.Equal(["-m", "decnet.main", "--log-file=node.log", "node.conf"], running.Arguments);
        Assert.Equal(checkout, running.WorkingDirectory);
        Assert.Equal([Path.Combine(checkout, "node.conf")], running.ConfigFiles);
        Assert.Equal("node.log", running.LogFile);
    }

    [Fact]
    public void Other_processes_and_dead_ones_are_left_out()
    {
        AddProcess(100, ["/usr/bin/python3", "/usr/bin/unattended-upgrades"], "/");
        AddProcess(101, ["bash", "-c", "pydecnet is mentioned here"], "/");
        AddProcess(102, ["/usr/local/bin/pydecnet", "/etc/pydecnet.conf"], "/", state: "Z");
        AddProcess(103, ["/usr/local/bin/pydecnet", "/etc/pydecnet.conf"], "/");

        var running = Assert.Single(Find());

        Assert.Equal(103, running.Pid);
    }

    private IReadOnlyList<RunningPydecnet> Find() =>
        new RunningPydecnetFinder(new HecnetJobs.Pydecnet.ProcessTable(_rig.Places.ProcRoot), _rig.Places.ProcRoot, new ToolFinder(_rig.Places)).Find();

    /// <summary>A process in the fake /proc: cmdline, a stat line in <paramref name="state"/>, and its cwd link.</summary>
    private void AddProcess(int pid, string[] commandLine, string cwd, string state = "S")
    {
        var folder = Path.Combine(_rig.Places.ProcRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _rig.Dir.Write(Path.Combine(folder, "cmdline"), string.Join('\0', commandLine) + "\0");
        _rig.Dir.Write(Path.Combine(folder, "stat"), $"{pid} (python3) {state} 1 {pid} {pid} 0 -1 4194560 1500 0 3 0 100 50 0 0 20 0 3 0 360000 52428800 1000\n");
        Directory.CreateDirectory(Path.Combine(folder, "task"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "cwd"), cwd);
    }

    public void Dispose() => _rig.Dispose();
}
