using System.Runtime.Versioning;
using System.Xml.Linq;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Setup;

/// <summary>
/// The newcomer, without systemd: setup finds a PyDECnet (the simulator, installed in a virtual environment)
/// and writes a config; the daemon runs on it, status says OK, and a killed PyDECnet is restarted with an .eml alert.
/// Two things are the test machine's, not setup's: name-refresh would download from the internet (so the shipped
/// schedules go in without it, as an install.sh would have placed them), and the shared machine's load must not turn
/// status into a WARNING (so the host checks are set off in the written config).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SetupDaemonTests
{
    [Fact(Timeout = 300_000)]
    public async Task The_config_setup_writes_runs_a_daemon_that_restarts_a_killed_pydecnet_and_writes_an_eml_alert()
    {
        using var sim = new SimNode();
        var venv = sim.Dir.File("home/pi/pydecnet-venv/bin");
        Directory.CreateDirectory(venv);
        File.CreateSymbolicLink(Path.Combine(venv, "pydecnet"), RepoPaths.Sim("pydecnet"));
        File.CreateSymbolicLink(Path.Combine(venv, "ncp"), RepoPaths.Sim("ncp"));
        var config = sim.Dir.File("etc/config.json");
        var dataDir = sim.Dir.File("hj");
        var environment = new Dictionary<string, string> { ["HOME"] = sim.Dir.File("home/pi"), ["PATH"] = "/usr/bin:/bin" };
        sim.Dir.Write("etc/jobs.xml", ShippedJobsWithoutNameRefresh());

        using (var setup = HecnetJobsProcess.Start(["setup", "--non-interactive", "--config", config, "--pydecnet-config", sim.ConfigFile, "--data-dir", dataDir], environment))
        {
            setup.CloseInput();
            await setup.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(setup.ExitCode == 0, setup.Stderr + "\n" + setup.Stdout);
        }
        File.WriteAllText(config, File.ReadAllText(config).Replace("\n{\n", "\n{\n  \"vitals\": { \"diskCriticalMiB\": 0, \"diskWarnMiB\": 0, \"diskWarnPercent\": 0, \"memoryWarnMiB\": 0, \"loadWarnPerCpu\": 1000 },\n", StringComparison.Ordinal));

        using var daemon = HecnetJobsProcess.Start(["run", "--config", config], environment);
        await daemon.WaitForLogAsync("started as PID");
        await Poll.UntilAsync(() => sim.SimPid is { } pid && SimNode.IsAlive(pid), "the watchdog started PyDECnet", () => daemon.Stderr + "\n" + sim.Dump());
        var first = sim.SimPid!.Value;
        await sim.WaitUntilAnsweringAsync(first);
        var status = await StatusAsync(config, environment, until: 0);

        await sim.CrashAsync(first);
        await Poll.UntilAsync(() => sim.SimPid is { } pid && pid != first && SimNode.IsAlive(pid), "PyDECnet restarted after the crash", () => daemon.Stderr + "\n" + sim.Dump());
        await sim.WaitUntilAnsweringAsync(sim.SimPid!.Value);
        var mail = Path.Combine(dataDir, "mail");
        await Poll.UntilAsync(() => Subjects(mail).Any(s => s.Contains("restarted (crash)", StringComparison.Ordinal)), "an .eml alert of the restart",
            () => $"{string.Join('\n', Subjects(mail))}\n{daemon.Stderr}");
        daemon.Signal(Signals.SIGTERM);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.StartsWith("HecnetJobs OK", status, StringComparison.Ordinal);
        Assert.Contains(Subjects(mail), s => s.StartsWith("[HECnet SAMPLE] PyDECnet restarted (crash)", StringComparison.Ordinal));
        Assert.Equal(0, daemon.ExitCode);
    }

    private static List<string> Subjects(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f).Subject ?? "").ToList() : [];

    private static string ShippedJobsWithoutNameRefresh()
    {
        var document = XDocument.Load(Path.Combine(RepoPaths.Root, "jobs.xml"));
        document.Descendants().Where(e => e.Name.LocalName is "job" or "trigger" && e.Descendants().Any(d => d.Name.LocalName is "name" or "job-name" && d.Value == "name-refresh")).Remove();
        return document.ToString();
    }

    /// <summary>Runs <c>status</c> until it exits with <paramref name="until"/>, and returns its output.</summary>
    private static async Task<string> StatusAsync(string config, Dictionary<string, string> environment, int until)
    {
        var last = (Code: -1, Output: "");
        await Poll.UntilAsync(() =>
        {
            using var status = HecnetJobsProcess.Start(["status", "--config", config], environment);
            status.WaitForExitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            last = (status.ExitCode, status.Stdout);
            return last.Code == until;
        }, $"status exit code {until}", () => $"exit code {last.Code}:\n{last.Output}", TimeSpan.FromSeconds(120));
        return last.Output;
    }
}
