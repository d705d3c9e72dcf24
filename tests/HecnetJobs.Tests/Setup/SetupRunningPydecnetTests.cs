using System.Runtime.Versioning;
using System.Text.Json;
using HecnetJobs.Setup;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Setup;

/// <summary>Setup with a PyDECnet running (a fake /proc): the config repeats how it runs, so the watchdog recognises it.</summary>
[SupportedOSPlatform("linux")]
public sealed class SetupRunningPydecnetTests : IDisposable
{
    private readonly SetupRig _rig = new();

    [Fact]
    public void A_running_pydecnet_gives_its_exact_command_line_and_folder_and_the_log_question_is_skipped()
    {
        var (pydecnet, _) = _rig.Install("home/pi/pydecnet-venv/bin");
        var log = _rig.Dir.File("var/log/node.log");
        AddRunning(812, ["/usr/bin/python3", pydecnet, "-L", log, "-e", "INFO", _rig.PydecnetConfig], _rig.Dir.File("etc/pydecnet"));

        // Eight answers: the log question is not asked.
        var run = _rig.Run(SetupRig.Lines("", "", "", "", "", "", "", ""));

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        Assert.Contains($"  running:  PID 812: {pydecnet} -L {log} -e INFO {_rig.PydecnetConfig}\n", run.Output, StringComparison.Ordinal);
        Assert.Contains($"  arguments as PyDECnet runs now (PID 812), so the watchdog recognises it: -L {log} -e INFO {_rig.PydecnetConfig}\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PyDECnet log file", run.Output, StringComparison.Ordinal);
        using var config = _rig.ReadConfig();
        var section = config.RootElement.GetProperty("pydecnet");
        Assert.Equal(["-L", log, "-e", "INFO", _rig.PydecnetConfig], section.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(_rig.Dir.File("etc/pydecnet"), section.GetProperty("workingDirectory").GetString());
    }

    [Fact]
    public void A_pydecnet_run_as_a_module_outside_a_checkout_is_offered_as_it_runs()
    {
        _rig.Install("usr/local/bin");
        var folder = _rig.Dir.File("var/lib/pydecnet");
        Directory.CreateDirectory(folder);
        var python = _rig.Dir.Write("usr/bin/python3.11", "");
        File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        AddRunning(900, [python, "-m", "decnet.main", _rig.PydecnetConfig], folder);

        var run = _rig.Run(SetupRig.Lines("", "", "", "", "", "", "", "", ""));

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        Assert.Contains($"PyDECnet program, or the folder of its source checkout [{python} -m decnet.main]: ", run.Output, StringComparison.Ordinal);
        using var config = _rig.ReadConfig();
        var section = config.RootElement.GetProperty("pydecnet");
        Assert.Equal(python, section.GetProperty("command").GetString());
        Assert.Equal(["-m", "decnet.main", _rig.PydecnetConfig], section.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(folder, section.GetProperty("workingDirectory").GetString());
    }

    [Fact]
    public void Another_program_than_the_running_one_is_taken_with_a_note_that_the_running_one_will_not_be_recognised()
    {
        var (venv, _) = _rig.Install("home/pi/pydecnet-venv/bin");
        var (other, _) = _rig.Install("usr/local/bin");
        AddRunning(812, ["/usr/bin/python3", venv, _rig.PydecnetConfig], "/");

        var run = _rig.Run(SetupRig.Lines("", other, "", "", "", "", "", "", ""));

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        Assert.Contains($"note: PyDECnet runs now (PID 812) as '{venv} {_rig.PydecnetConfig}', which the watchdog will not recognise as the one it starts: stop that one once HecnetJobs runs, or answer with the program offered\n",
            run.Output, StringComparison.Ordinal);
    }

    private void AddRunning(int pid, string[] commandLine, string cwd)
    {
        var folder = Path.Combine(_rig.Places.ProcRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _rig.Dir.Write(Path.Combine(folder, "cmdline"), string.Join('\0', commandLine) + "\0");
        _rig.Dir.Write(Path.Combine(folder, "stat"), $"{pid} (python3) S 1 {pid} {pid} 0 -1 4194560 1500 0 3 0 100 50 0 0 20 0 3 0 360000 52428800 1000\n");
        Directory.CreateSymbolicLink(Path.Combine(folder, "cwd"), cwd);
    }

    public void Dispose() => _rig.Dispose();
}
