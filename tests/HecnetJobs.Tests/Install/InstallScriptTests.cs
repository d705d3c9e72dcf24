using System.Diagnostics;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Install;

/// <summary>
/// scripts/install.sh and scripts/uninstall.sh run for real into a temporary --prefix, installing the build the tests
/// use (--from app/, so no publish): the files land where the unit and the config say, and the new config passes check.
/// </summary>
public sealed class InstallScriptTests
{
    private static readonly string App = Path.GetDirectoryName(HecnetJobsProcess.Dll)!;

    [Fact(Timeout = 120_000)]
    public async Task Install_into_a_prefix_writes_program_config_schedules_and_unit_and_the_new_config_passes_check()
    {
        using var dir = new TempDir();

        var install = await InstallAsync(dir.Path);
        var check = await HecnetJobsProcess.RunAsync("check", "--config", dir.File("etc/hecnetjobs/config.json"));

        Assert.True(install.Code == 0, install.Output);
        Assert.EndsWith($"installed; config OK. Start it: {dir.Path}/opt/hecnetjobs/hecnetjobs run --config {dir.Path}/etc/hecnetjobs/config.json",
            install.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("etc/hecnetjobs/jobs.xml")));
        Assert.True(Directory.Exists(dir.File("var/lib/hecnetjobs")));
        Assert.Equal("d /run/pydecnet 0755 hecnetjobs - -\n", File.ReadAllText(dir.File("etc/tmpfiles.d/hecnetjobs.conf")));
        var unit = File.ReadAllLines(dir.File("etc/systemd/system/hecnetjobs.service"));
        Assert.Contains($"ExecStart={dir.Path}/opt/hecnetjobs/hecnetjobs run --config {dir.Path}/etc/hecnetjobs/config.json", unit);
        Assert.Contains($"ReadWritePaths={dir.Path}/var/lib/hecnetjobs -/run/pydecnet -/var/log/pydecnet -/etc/pydecnet", unit);
        Assert.Contains("KillMode=process", unit);
        Assert.True(check.Code == 0, check.Stderr);
    }

    [Fact(Timeout = 120_000)]
    public async Task Installing_again_keeps_the_operators_config_and_schedules()
    {
        using var dir = new TempDir();
        await InstallAsync(dir.Path);
        var config = dir.File("etc/hecnetjobs/config.json");
        File.AppendAllText(config, "// edited by the operator\n");
        var edited = File.ReadAllText(config);

        var again = await InstallAsync(dir.Path);

        Assert.True(again.Code == 0, again.Output);
        Assert.Contains($"== config: {config} exists, left as it is", again.Output, StringComparison.Ordinal);
        Assert.Contains($"== schedules: {dir.Path}/etc/hecnetjobs/jobs.xml exists, left as it is", again.Output, StringComparison.Ordinal);
        Assert.Equal(edited, File.ReadAllText(config));
    }

    [Fact(Timeout = 120_000)]
    public async Task Installing_again_over_a_config_the_program_refuses_names_the_problem_and_says_to_edit_it()
    {
        using var dir = new TempDir();
        await InstallAsync(dir.Path);
        var config = dir.File("etc/hecnetjobs/config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("{\n  \"dataDir\"", "{\n  \"colour\": \"blue\",\n  \"dataDir\"", StringComparison.Ordinal));

        var again = await InstallAsync(dir.Path);

        Assert.True(again.Code == 0, again.Output);
        Assert.Contains($"{config}: 'colour': unknown key", again.Output, StringComparison.Ordinal);
        Assert.EndsWith($"installed; edit {config} as listed above (docs/install.md), then: {dir.Path}/opt/hecnetjobs/hecnetjobs run --config {config}",
            again.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_dry_run_says_what_it_would_write_and_creates_nothing()
    {
        using var dir = new TempDir();

        var dry = await InstallAsync(dir.Path, "--dry-run");

        Assert.True(dry.Code == 0, dry.Output);
        Assert.Contains($"would write: {dir.Path}/etc/hecnetjobs/config.json (mode 640)", dry.Output, StringComparison.Ordinal);
        Assert.Contains($"would write: {dir.Path}/etc/systemd/system/hecnetjobs.service (mode 644)", dry.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact(Timeout = 120_000)]
    public async Task Uninstall_removes_program_and_unit_and_keeps_config_and_data_until_purge()
    {
        using var dir = new TempDir();
        await InstallAsync(dir.Path);

        var uninstall = await RunScriptAsync("uninstall.sh", "--prefix", dir.Path);
        var kept = Directory.Exists(dir.File("etc/hecnetjobs")) && Directory.Exists(dir.File("var/lib/hecnetjobs"));
        var purge = await RunScriptAsync("uninstall.sh", "--prefix", dir.Path, "--purge");

        Assert.True(uninstall.Code == 0, uninstall.Output);
        Assert.True(kept, uninstall.Output);
        Assert.False(Directory.Exists(dir.File("opt/hecnetjobs")));
        Assert.False(File.Exists(dir.File("etc/systemd/system/hecnetjobs.service")));
        Assert.True(purge.Code == 0, purge.Output);
        Assert.False(Directory.Exists(dir.File("etc/hecnetjobs")));
        Assert.False(Directory.Exists(dir.File("var/lib/hecnetjobs")));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_option_is_one_line_with_exit_code_2()
    {
        var result = await RunScriptAsync("install.sh", "--prefx", "/tmp/x");

        Assert.Equal(2, result.Code);
        Assert.EndsWith("install.sh: unknown option '--prefx'", result.Output.TrimEnd(), StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output)> InstallAsync(string prefix, params string[] more) =>
        RunScriptAsync("install.sh", ["--prefix", prefix, "--from", App, "--pydecnet", RepoPaths.Sim("pydecnet"), "--ncp", RepoPaths.Sim("ncp"), .. more]);

    /// <summary>Runs a script of scripts/ with bash; stdout and stderr in one text, in order.</summary>
    private static async Task<(int Code, string Output)> RunScriptAsync(string script, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" 2>&1");
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", script));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output);
    }
}
