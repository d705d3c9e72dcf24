using System.Runtime.Versioning;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Setup;

/// <summary>Setup in a real terminal (tmux): typed answers echo, a wrong one is refused on screen, the password does not echo, and the config passes check.</summary>
[SupportedOSPlatform("linux")]
public sealed class SetupTerminalTests : IDisposable
{
    private const string Password = "app-pw-5e7a9c";

    private readonly SetupRig _rig = new();

    [TmuxFact(Timeout = 180_000)]
    public async Task A_person_at_a_terminal_answers_corrects_a_mistake_types_a_hidden_password_and_gets_a_config_that_check_accepts()
    {
        var (pydecnet, _) = _rig.Install("home/pi/pydecnet-venv/bin");
        using var tmux = await Tmux.StartAsync(
            ["env", $"HOME={_rig.Home}", "PATH=/usr/bin:/bin", "TERM=xterm", DotnetHost(), HecnetJobsProcess.Dll, "setup", "--config", _rig.ConfigFile],
            _rig.Dir.Path);

        await tmux.AnswerAsync("PyDECnet config file(s)", _rig.PydecnetConfig);
        await tmux.AnswerAsync($"PyDECnet program, or the folder of its source checkout [{pydecnet}]: ", "");
        await tmux.AnswerAsync("PyDECnet log file (-L), or none [none]: ", "");
        await tmux.AnswerAsync("Node name in alert subjects [SAMPLE]: ", "sample7");
        await tmux.AnswerAsync("Node name in alert subjects [SAMPLE]: ", "");
        await tmux.AnswerAsync("ncp program [", "");
        await tmux.AnswerAsync("Nodes to watch", "MIM 1.2");
        await tmux.AnswerAsync("Alerts by mail", "smtp.example.org");
        await tmux.AnswerAsync("SMTP port (587 STARTTLS, 465 TLS) [587]: ", "");
        await tmux.AnswerAsync("SMTP login, or none [none]: ", "pi@example.org");
        await tmux.AnswerAsync("SMTP password (not shown): ", Password);
        await tmux.AnswerAsync("Send alerts to (addresses, separated by spaces) [pi@example.org]: ", "");
        await tmux.AnswerAsync("Send alerts from [pi@example.org]: ", "");
        await tmux.AnswerAsync("Dead man's switch URL", "");
        await tmux.AnswerAsync("Data folder", _rig.DataDir);
        var screen = await tmux.WaitForAsync("Next: start it");
        var check = await HecnetJobsProcess.RunAsync("check", "--config", _rig.ConfigFile);

        Assert.Contains("Node name in alert subjects [SAMPLE]: sample7\n  'sample7' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)\n", screen, StringComparison.Ordinal);
        Assert.Contains("Nodes to watch (names or area.node, separated by spaces) [MIM]: MIM 1.2\n", screen, StringComparison.Ordinal);
        Assert.Contains("SMTP password (not shown):\nSend alerts to", screen, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, screen, StringComparison.Ordinal);
        Assert.Contains($"{_rig.ConfigFile}: OK", screen, StringComparison.Ordinal);
        Assert.Contains($"HECNETJOBS_SMTP_PASSWORD='{Password}'", File.ReadAllText(_rig.Dir.File("out/secrets.env")), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, File.ReadAllText(_rig.ConfigFile), StringComparison.Ordinal);
        // A shell without the secrets file: check misses only the password.
        Assert.Equal($"{_rig.ConfigFile}: 'alerts.smtp.password': missing for user 'pi@example.org'; set it here or in $HECNETJOBS_SMTP_PASSWORD (Gmail needs an app password)", check.Stderr);
    }

    [TmuxFact(Timeout = 180_000)]
    public async Task Ctrl_d_at_a_question_stops_with_exit_code_66_and_writes_nothing()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");
        using var tmux = await Tmux.StartAsync(
            ["bash", "-c", $"HOME='{_rig.Home}' PATH=/usr/bin:/bin '{DotnetHost()}' '{HecnetJobsProcess.Dll}' setup --config '{_rig.ConfigFile}'; echo \"exit code $?\""],
            _rig.Dir.Path);

        await tmux.AnswerAsync("PyDECnet config file(s)", _rig.PydecnetConfig);
        await tmux.AnswerAsync("PyDECnet program", "");
        await tmux.WaitForAsync("PyDECnet log file (-L), or none [none]:");
        await tmux.SendAsync("C-d");
        var screen = await tmux.WaitForAsync("exit code");

        Assert.EndsWith("PyDECnet log file (-L), or none [none]:\nsetup: the input ended at 'PyDECnet log file (-L), or none'; nothing was written\nexit code 66", screen, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_rig.Dir.File("out")));
    }

    [TmuxFact(Timeout = 180_000)]
    public async Task Install_at_a_terminal_asks_setups_questions_and_the_new_config_passes_its_check()
    {
        var (pydecnet, _) = _rig.Install("home/pi/pydecnet-venv/bin");
        var prefix = _rig.Dir.File("root");
        var app = Path.GetDirectoryName(HecnetJobsProcess.Dll)!;
        using var tmux = await Tmux.StartAsync(
            ["env", $"HOME={_rig.Home}", "PATH=/usr/bin:/bin", "bash", Path.Combine(RepoPaths.Root, "scripts", "install.sh"), "--prefix", prefix, "--from", app],
            _rig.Dir.Path);

        await tmux.AnswerAsync("PyDECnet config file(s)", _rig.PydecnetConfig);
        foreach (var prompt in new[] { "PyDECnet program", "PyDECnet log file", "Node name", "ncp program", "Nodes to watch", "Alerts by mail", "Dead man's switch URL" })
            await tmux.AnswerAsync(prompt, "");
        await tmux.AnswerAsync($"Data folder (database, status file, logs, .eml alerts) [{prefix}/var/lib/hecnetjobs]:", "");
        var screen = await tmux.WaitForAsync("installed;");

        Assert.Contains($"== config: {prefix}/etc/hecnetjobs/config.json (new, from the questions of hecnetjobs setup; Ctrl-D skips them for a template)", screen, StringComparison.Ordinal);
        Assert.EndsWith($"installed; config OK. Start it: {prefix}/opt/hecnetjobs/hecnetjobs run --config {prefix}/etc/hecnetjobs/config.json", screen, StringComparison.Ordinal);
        Assert.Contains($"\"command\": \"{pydecnet}\"", File.ReadAllText(Path.Combine(prefix, "etc/hecnetjobs/config.json")), StringComparison.Ordinal);
    }

    /// <summary>The dotnet host that runs the tests, for the window's command (its PATH is a user's, without the SDK).</summary>
    private static string DotnetHost() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => Path.Combine(f, "dotnet")).FirstOrDefault(File.Exists) ?? Environment.ProcessPath!;

    public void Dispose() => _rig.Dispose();
}
