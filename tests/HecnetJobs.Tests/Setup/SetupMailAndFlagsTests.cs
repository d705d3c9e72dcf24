using System.Runtime.Versioning;
using System.Text.Json;
using HecnetJobs.Setup;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Setup;

/// <summary>Setup's mail questions and its <c>--non-interactive</c> flags, in a made-up machine.</summary>
[SupportedOSPlatform("linux")]
public sealed class SetupMailAndFlagsTests : IDisposable
{
    private readonly SetupRig _rig = new();

    [Fact]
    public void A_mail_server_on_this_machine_without_a_login_is_written_with_security_none_and_its_port()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");

        var run = _rig.Run(SetupRig.Lines("", "", "", "", "", "", "127.0.0.1", "2525", "", "owner@example.org ops@example.org", "", "", ""));

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        using var config = _rig.ReadConfig();
        Assert.Equal("""{"host":"127.0.0.1","port":2525,"security":"none","from":"owner@example.org","to":["owner@example.org","ops@example.org"]}""",
            JsonSerializer.Serialize(config.RootElement.GetProperty("alerts").GetProperty("smtp")));
    }

    [Fact]
    public void Port_465_means_tls_and_neither_port_nor_security_is_written()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");

        var run = _rig.Run(SetupRig.Lines("", "", "", "", "", "", "smtp.example.org", "465", "none", "owner@example.org", "", "", ""));

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        using var config = _rig.ReadConfig();
        Assert.Equal("""{"host":"smtp.example.org","security":"tls","from":"owner@example.org","to":["owner@example.org"]}""",
            JsonSerializer.Serialize(config.RootElement.GetProperty("alerts").GetProperty("smtp")));
    }

    [Fact]
    public void Non_interactive_on_a_machine_without_pydecnet_or_its_config_names_the_missing_flags()
    {
        _rig.Places = _rig.Places with { ConfigPlaces = [] };

        var noConfig = _rig.RunFlags(new SetupFlags());
        var noProgram = _rig.RunFlags(new SetupFlags { PydecnetConfigs = [_rig.PydecnetConfig] });

        Assert.Equal((ExitCodes.Usage, "--pydecnet-config: missing: no PyDECnet config file was found in the usual places; name the file(s) PyDECnet is started with"), (noConfig.Code, noConfig.Error));
        Assert.Equal((ExitCodes.Usage, "--pydecnet-command: missing: no pydecnet was found on PATH or in the usual places; give its path"), (noProgram.Code, noProgram.Error));
        Assert.False(File.Exists(_rig.ConfigFile));
    }

    [Fact]
    public void Non_interactive_flags_become_the_answers_and_each_is_printed()
    {
        var (pydecnet, ncp) = _rig.Install("usr/local/bin");

        var run = _rig.RunFlags(new SetupFlags
        {
            PydecnetConfigs = [_rig.PydecnetConfig],
            NodeName = "tops20",
            Targets = ["MIM", "1.2"],
            PingUrl = "https://hc-ping.com/0b1e-token",
            DataDir = _rig.DataDir,
        });

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        Assert.Contains($"PyDECnet program, or the folder of its source checkout: {pydecnet}\n", run.Output, StringComparison.Ordinal);
        Assert.Contains($"ncp program: {ncp}\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("Node name in alert subjects: tops20\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("Dead man's switch URL (Healthchecks-style, pinged after each watchdog run), or none: (given)\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("0b1e-token", run.Output, StringComparison.Ordinal);
        using var config = _rig.ReadConfig();
        Assert.Equal("TOPS20", config.RootElement.GetProperty("alerts").GetProperty("nodeName").GetString());
        Assert.Equal(_rig.DataDir, config.RootElement.GetProperty("dataDir").GetString());
    }

    public void Dispose() => _rig.Dispose();
}
