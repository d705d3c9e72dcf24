using System.Diagnostics;
using System.Runtime.Versioning;
using HecnetJobs.Setup;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Setup;

/// <summary>
/// <c>hecnetjobs setup</c> as a user runs it: the real executable, answers typed into its stdin (mistakes included)
/// or given as flags, and the exact lines and exit codes that come back. The config is always named explicitly, so a
/// PyDECnet simulator that another test runs meanwhile cannot become a default.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SetupCommandTests : IDisposable
{
    private const string Password = "pa's$w\\\"d `x`";

    private readonly SetupRig _rig = new();

    [Fact(Timeout = 120_000)]
    public async Task Answers_with_mistakes_typed_into_stdin_end_in_a_config_that_check_accepts()
    {
        var (pydecnet, ncp) = _rig.Install("home/pi/pydecnet-venv/bin");

        using var setup = Start(["setup", "--config", _rig.ConfigFile]);
        setup.WriteInput(SetupRig.Lines(
            _rig.Dir.File("etc/pydecnet/nodee.conf"), _rig.PydecnetConfig,
            "", "",
            "SAMPLE7", "",
            "",
            "MIM 64.1", "MIM",
            "owner@example.org", "eml",
            "hc-ping.com/0b1e-token", "none",
            _rig.DataDir));
        setup.CloseInput();
        await setup.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var check = await HecnetJobsProcess.RunAsync("check", "--config", _rig.ConfigFile);

        Assert.True(setup.ExitCode == 0, setup.Stderr + "\n" + setup.Stdout);
        Assert.Contains($"  pydecnet: {pydecnet} (virtual environment)", setup.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  ncp:      {ncp}", setup.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  '{_rig.Dir.File("etc/pydecnet/nodee.conf")}' does not exist (PyDECnet's config file, as named on its command line)", setup.Stdout, StringComparison.Ordinal);
        Assert.Contains("  'SAMPLE7' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)", setup.Stdout, StringComparison.Ordinal);
        Assert.Contains("  '64.1' is not a node name (1 to 6 letters and digits, at least one letter), an address (area.node, area 1-63, node 1-1023) or circuit:NAME", setup.Stdout, StringComparison.Ordinal);
        Assert.Contains("  'owner@example.org' is a mail address; give the mail server's host name (e.g. smtp.gmail.com), or eml", setup.Stdout, StringComparison.Ordinal);
        Assert.Contains("  that is not an absolute http or https URL (e.g. https://hc-ping.com/your-check-uuid), or none", setup.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("0b1e-token", setup.Stdout + File.ReadAllText(_rig.ConfigFile), StringComparison.Ordinal);
        Assert.Contains($"Wrote {_rig.ConfigFile}.", setup.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{_rig.ConfigFile}: OK", setup.Stdout, StringComparison.Ordinal);
        Assert.True(check.Code == 0, check.Stderr);
    }

    [Fact(Timeout = 120_000)]
    public async Task Closing_stdin_midway_exits_66_with_one_line_and_writes_nothing()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");

        using var setup = Start(["setup", "--config", _rig.ConfigFile]);
        setup.WriteInput(SetupRig.Lines(_rig.PydecnetConfig, "", ""));
        setup.CloseInput();
        await setup.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.InputEnded, setup.ExitCode);
        Assert.Equal("setup: the input ended at 'Node name in alert subjects'; nothing was written", setup.Stderr);
        Assert.False(Directory.Exists(_rig.Dir.File("out")), "setup made the config's folder");
    }

    [Theory(Timeout = 120_000)]
    [InlineData(new[] { "--target", "64.1" }, "--target: '64.1' is not a node name (1 to 6 letters and digits, at least one letter), an address (area.node, area 1-63, node 1-1023) or circuit:NAME")]
    [InlineData(new[] { "--node-name", "SAMPLE7" }, "--node-name: 'SAMPLE7' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)")]
    [InlineData(new[] { "--smtp-host", "smtp.example.org", "--mail-to", "owner" }, "--mail-to: 'owner' is not a mail address (e.g. you@example.org)")]
    [InlineData(new[] { "--smtp-host", "smtp.example.org" }, "--mail-to: missing: a mail server needs at least one recipient")]
    [InlineData(new[] { "--smtp-user", "pi" }, "--smtp-host: missing: --mail smtp needs the mail server's host name")]
    [InlineData(new[] { "--smtp-host", "smtp.example.org", "--smtp-security", "none", "--smtp-user", "pi" }, "--smtp-security: 'none' would send the password of 'pi' unencrypted to smtp.example.org; use starttls or tls")]
    [InlineData(new[] { "--ping-url", "hc-ping.com/0b1e-token" }, "--ping-url: that is not an absolute http or https URL (e.g. https://hc-ping.com/your-check-uuid), or none")]
    [InlineData(new[] { "--pydecnet-log", "/nonexistent/pydecnet/node.log" }, "--pydecnet-log: '/nonexistent/pydecnet' does not exist, and PyDECnet would not start without its log folder; create it, or answer none")]
    [InlineData(new[] { "--ncp", "ncp" }, "--ncp: 'ncp' is not on PATH; give the full path of PyDECnet's ncp program")]
    [InlineData(new[] { "--pydecnet-command", "/nonexistent/venv/bin/pydecnet" }, "--pydecnet-command: '/nonexistent/venv/bin/pydecnet' does not exist (the pydecnet program)")]
    public async Task Non_interactive_with_a_wrong_flag_names_it_and_exits_2(string[] flags, string expected)
    {
        _rig.Install("home/pi/pydecnet-venv/bin");

        var run = await RunAsync(["setup", "--non-interactive", "--config", _rig.ConfigFile, "--pydecnet-config", _rig.PydecnetConfig, "--data-dir", _rig.DataDir, .. flags]);

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Equal(expected, run.Stderr);
        Assert.False(File.Exists(_rig.ConfigFile));
    }

    [Theory(Timeout = 120_000)]
    [InlineData(new[] { "--mail", "pigeon" }, "Argument 'pigeon' not recognized. Must be one of:\n\t'eml'\n\t'smtp'")]
    [InlineData(new[] { "--smtp-port", "submission" }, "Cannot parse argument 'submission' for option '--smtp-port' as expected type 'System.Nullable`1[System.Int32]'.")]
    public async Task Flags_that_cannot_be_parsed_are_a_usage_error(string[] flags, string expected)
    {
        var run = await RunAsync(["setup", "--non-interactive", "--config", _rig.ConfigFile, .. flags]);

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Equal($"{expected}\nTry 'hecnetjobs --help'.", run.Stderr);
    }

    [Fact(Timeout = 120_000)]
    public async Task Flags_that_contradict_each_other_are_a_usage_error()
    {
        var run = await RunAsync("setup", "--non-interactive", "--config", _rig.ConfigFile, "--mail", "eml", "--mail-to", "owner@example.org");

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Equal("--mail-to: not used with --mail eml (leave it out, or use --mail smtp)", run.Stderr);
    }

    [Fact(Timeout = 120_000)]
    public async Task Non_interactive_with_a_login_puts_the_password_from_the_environment_in_a_root_only_secrets_file_and_nowhere_else()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");

        var run = await RunAsync(["setup", "--non-interactive", "--config", _rig.ConfigFile, "--pydecnet-config", _rig.PydecnetConfig, "--data-dir", _rig.DataDir,
            "--smtp-host", "smtp.example.org", "--smtp-user", "pi@example.org", "--target", "MIM", "--target", "1.2"],
            new Dictionary<string, string> { ["HECNETJOBS_SMTP_PASSWORD"] = Password });
        var secrets = _rig.Dir.File("out/secrets.env");
        var sourced = await ShellAsync($"set -a; . '{secrets}'; printf %s \"$HECNETJOBS_SMTP_PASSWORD\"");
        var checkWithout = await HecnetJobsProcess.RunAsync("check", "--config", _rig.ConfigFile);

        Assert.True(run.Code == 0, run.Stderr + "\n" + run.Stdout);
        Assert.Equal(SetupFiles.SecretMode, File.GetUnixFileMode(secrets));
        Assert.Equal(Password, sourced);
        Assert.Contains($"Wrote {secrets} (mode 600): the SMTP password as $HECNETJOBS_SMTP_PASSWORD, which the service reads (EnvironmentFile=); never in the config.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nodes to watch (names or area.node, separated by spaces): MIM 1.2", run.Stdout, StringComparison.Ordinal);
        foreach (var text in new[] { run.Stdout, run.Stderr, File.ReadAllText(_rig.ConfigFile) })
            Assert.DoesNotContain("pa's", text, StringComparison.Ordinal);
        // Without the secrets file a shell's check misses the password, as the output said it would.
        Assert.Equal(ExitCodes.Config, checkWithout.Code);
        Assert.Equal($"{_rig.ConfigFile}: 'alerts.smtp.password': missing for user 'pi@example.org'; set it here or in $HECNETJOBS_SMTP_PASSWORD (Gmail needs an app password)", checkWithout.Stderr);
    }

    [Fact(Timeout = 120_000)]
    public async Task Non_interactive_with_a_login_but_no_password_variable_names_the_flag_and_exits_2()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");

        var run = await RunAsync("setup", "--non-interactive", "--config", _rig.ConfigFile, "--pydecnet-config", _rig.PydecnetConfig, "--data-dir", _rig.DataDir,
            "--smtp-host", "smtp.example.org", "--smtp-user", "pi@example.org");

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Equal("--smtp-user: the password must be in $HECNETJOBS_SMTP_PASSWORD (never on the command line, where ps shows it)", run.Stderr);
        Assert.False(File.Exists(_rig.ConfigFile));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_existing_config_without_force_exits_73_and_is_left_as_it_is()
    {
        var old = _rig.Dir.Write("out/config.json", "{}\n");

        var run = await RunAsync("setup", "--non-interactive", "--config", old);

        Assert.Equal(ExitCodes.CannotCreate, run.Code);
        Assert.Equal($"{old}: exists, and setup does not overwrite it: --force replaces it (the old one is kept as config.json.bak), or --config PATH writes another file", run.Stderr);
        Assert.Equal("{}\n", File.ReadAllText(old));
    }

    /// <summary>The environment of a user whose home is the rig's and whose PATH has no PyDECnet.</summary>
    private Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? more = null)
    {
        var environment = new Dictionary<string, string> { ["HOME"] = _rig.Home, ["PATH"] = "/usr/bin:/bin" };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
            environment[key] = value;
        return environment;
    }

    private HecnetJobsProcess Start(string[] args, IReadOnlyDictionary<string, string>? environment = null) =>
        HecnetJobsProcess.Start(args, Environment(environment), _rig.Dir.Path);

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(args, null);

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        using var process = Start(args, environment);
        process.CloseInput();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, process.Stdout, process.Stderr);
    }

    private static async Task<string> ShellAsync(string script)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var shell = Process.Start(info)!;
        var output = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return output;
    }

    public void Dispose() => _rig.Dispose();
}
