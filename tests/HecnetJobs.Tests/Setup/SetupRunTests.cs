using System.Runtime.Versioning;
using System.Text.Json;
using HecnetJobs.Setup;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Setup;

/// <summary>Setup's questions answered through a reader, in a made-up machine: what it finds, what it writes, and that the real <c>check</c> accepts it.</summary>
[SupportedOSPlatform("linux")]
public sealed class SetupRunTests : IDisposable
{
    /// <summary>Enter at each of the nine questions (config, program, log, node name, ncp, targets, mail, ping, data folder).</summary>
    private static readonly string EnterThroughout = SetupRig.Lines("", "", "", "", "", "", "", "", "");

    private readonly SetupRig _rig = new();

    [Fact(Timeout = 120_000)]
    public async Task Enter_throughout_with_a_venv_in_the_home_folder_writes_a_small_config_that_check_accepts()
    {
        var (pydecnet, ncp) = _rig.Install("home/pi/pydecnet-venv/bin");

        var run = _rig.Run(EnterThroughout);
        var check = await HecnetJobsProcess.RunAsync("check", "--config", _rig.ConfigFile);

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        Assert.Contains($"  pydecnet: {pydecnet} (virtual environment)\n  ncp:      {ncp}\n  running:  no PyDECnet process\n  config:   {_rig.PydecnetConfig}\n", run.Output, StringComparison.Ordinal);
        Assert.Contains($"  read: node 9.54 SAMPLE; api socket {_rig.Dir.File("run/api.sock")}; http port 18777; names file node @{_rig.Dir.File("etc/pydecnet/nodenames.dat")}; circuit DMC-0\n", run.Output, StringComparison.Ordinal);
        Assert.Equal($$"""
            // HecnetJobs configuration, written by 'hecnetjobs setup'. Every key: docs/configuration.md.
            // Check an edit with: hecnetjobs check --config {{_rig.ConfigFile}}
            {
              "dataDir": "{{_rig.Dir.File("out/data")}}",
              "pydecnet": {
                "command": "{{pydecnet}}",
                "arguments": [
                  "{{_rig.PydecnetConfig}}"
                ],
                "apiSocket": "{{_rig.Dir.File("run/api.sock")}}",
                "httpPort": 18777
              },
              "linkProbe": {
                "targets": [
                  "MIM"
                ],
                "ncpCommand": "{{ncp}}",
                "circuit": "DMC-0"
              },
              "alerts": {
                "nodeName": "SAMPLE"
              }
            }

            """, File.ReadAllText(_rig.ConfigFile));
        Assert.True(check.Code == 0, check.Stderr);
        Assert.Equal($"{_rig.ConfigFile}: OK", check.Stdout.Split('\n')[0]);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "jobs.xml")), File.ReadAllText(_rig.Dir.File("out/jobs.xml")));
        Assert.Equal(SetupFiles.ConfigMode, File.GetUnixFileMode(_rig.ConfigFile));
    }

    [Fact(Timeout = 120_000)]
    public async Task Pydecnet_and_ncp_on_path_are_offered_first_and_the_config_passes_check()
    {
        var (pydecnet, ncp) = _rig.Install("usr/bin");
        _rig.Install("home/pi/pydecnet-venv/bin");

        var run = _rig.Run(EnterThroughout);
        var check = await HecnetJobsProcess.RunAsync("check", "--config", _rig.ConfigFile);

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        Assert.Contains($"PyDECnet program, or the folder of its source checkout [{pydecnet}]: ", run.Output, StringComparison.Ordinal);
        using var config = _rig.ReadConfig();
        Assert.Equal(pydecnet, config.RootElement.GetProperty("pydecnet").GetProperty("command").GetString());
        Assert.Equal(ncp, config.RootElement.GetProperty("linkProbe").GetProperty("ncpCommand").GetString());
        Assert.True(check.Code == 0, check.Stderr);
    }

    [Fact]
    public void A_source_checkout_is_started_as_a_module_in_its_folder_and_its_ncp_needs_the_package()
    {
        var python = _rig.Dir.Write("usr/bin/python3", "");
        File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var package = _rig.Checkout("home/pi/pydecnet");

        var run = _rig.Run(EnterThroughout);

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        using var config = _rig.ReadConfig();
        var pydecnet = config.RootElement.GetProperty("pydecnet");
        Assert.Equal(python, pydecnet.GetProperty("command").GetString());
        Assert.Equal(["-m", "decnet.main", _rig.PydecnetConfig], pydecnet.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(package, pydecnet.GetProperty("workingDirectory").GetString());
        Assert.Contains($"note: {package}/applications/ncp is a source checkout's ncp, which needs PyDECnet's package importable: pip install the checkout, or give the service Environment=PYTHONPATH={package} in a drop-in (systemctl edit hecnetjobs)\n",
            run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_answers_are_each_refused_with_a_reason_and_the_right_ones_are_written()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");
        var missing = _rig.Dir.File("etc/pydecnet/nodee.conf");

        var run = _rig.Run(SetupRig.Lines(
            missing, "",
            _rig.Dir.File("nowhere/pydecnet"), "",
            _rig.Dir.File("var/log/pydecnet/node.log"), "none",
            "SAMPLE7", "tops20",
            "",
            "MIM 64.1", "mim 1.2",
            "you@gmail.com", "eml",
            "hc-ping.com/0b1e-token", "https://hc-ping.com/0b1e-token",
            _rig.PydecnetConfig, ""));

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        string[] reasons =
        [
            $"  '{missing}' does not exist (PyDECnet's config file, as named on its command line)\n",
            $"  '{_rig.Dir.File("nowhere/pydecnet")}' does not exist (the pydecnet program)\n",
            $"  '{_rig.Dir.File("var/log/pydecnet")}' does not exist, and PyDECnet would not start without its log folder; create it, or answer none\n",
            "  'SAMPLE7' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)\n",
            "  '64.1' is not a node name (1 to 6 letters and digits, at least one letter), an address (area.node, area 1-63, node 1-1023) or circuit:NAME\n",
            "  'you@gmail.com' is a mail address; give the mail server's host name (e.g. smtp.gmail.com), or eml\n",
            "  that is not an absolute http or https URL (e.g. https://hc-ping.com/your-check-uuid), or none\n",
            $"  '{_rig.PydecnetConfig}' is a file, expected a folder\n",
        ];
        foreach (var reason in reasons)
            Assert.Contains(reason, run.Output, StringComparison.Ordinal);
        using var config = _rig.ReadConfig();
        Assert.Equal("TOPS20", config.RootElement.GetProperty("alerts").GetProperty("nodeName").GetString());
        Assert.Equal(["MIM", "1.2"], config.RootElement.GetProperty("linkProbe").GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("https://hc-ping.com/0b1e-token", config.RootElement.GetProperty("alerts").GetProperty("ping").GetProperty("url").GetString());
    }

    [Fact]
    public void The_end_of_input_midway_writes_nothing_and_exits_66()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");

        var run = _rig.Run(SetupRig.Lines("", "", "", "SAMPLE"));

        Assert.Equal(ExitCodes.InputEnded, run.Code);
        Assert.Equal("setup: the input ended at 'ncp program'; nothing was written", run.Error);
        Assert.False(Directory.Exists(_rig.Dir.File("out")), "the config's folder was made");
        Assert.False(Directory.Exists(_rig.Dir.File("out/data")), "the data folder was made");
    }

    [Fact]
    public void An_existing_config_is_refused_before_any_question_without_force()
    {
        var old = _rig.Dir.Write("out/config.json", "{ \"dataDir\": \"old\" }\n");

        var run = _rig.Run(EnterThroughout);

        Assert.Equal(ExitCodes.CannotCreate, run.Code);
        Assert.Equal($"{old}: exists, and setup does not overwrite it: --force replaces it (the old one is kept as config.json.bak), or --config PATH writes another file", run.Error);
        Assert.Equal("", run.Output);
        Assert.Equal("{ \"dataDir\": \"old\" }\n", File.ReadAllText(old));
    }

    [Fact]
    public void Force_replaces_the_config_keeping_the_old_one_as_bak_and_its_mode()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");
        var old = _rig.Dir.Write("out/config.json", "{ \"dataDir\": \"old\" }\n");
        File.SetUnixFileMode(old, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var run = _rig.Run(EnterThroughout, force: true);

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        Assert.Contains($"Wrote {old}; the old one is {old}.bak.\n", run.Output, StringComparison.Ordinal);
        Assert.Equal("{ \"dataDir\": \"old\" }\n", File.ReadAllText(old + ".bak"));
        Assert.Contains("\"nodeName\": \"SAMPLE\"", File.ReadAllText(old), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(old));
    }

    [Fact]
    public void A_broken_jobs_xml_beside_the_config_makes_check_refuse_and_nothing_is_written()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");
        var jobs = _rig.Dir.Write("out/jobs.xml", "<job-scheduling-data>\n");

        var run = _rig.Run(EnterThroughout);

        Assert.Equal(ExitCodes.Config, run.Code);
        Assert.StartsWith($"setup: check refuses the result, so nothing was written:\n{jobs}:", run.Error, StringComparison.Ordinal);
        Assert.Equal(["jobs.xml"], Directory.GetFileSystemEntries(_rig.Dir.File("out")).Select(Path.GetFileName));
        Assert.False(Directory.Exists(_rig.Dir.File("out/data")), "the data folder setup made is left");
    }

    [Fact]
    public void Several_names_files_ask_which_one_name_refresh_rewrites()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");
        _rig.Dir.Write("etc/pydecnet/local.dat", "9.54 SAMPLE\n");
        File.AppendAllText(_rig.PydecnetConfig, "\nnode @local.dat\n");

        var run = _rig.Run(SetupRig.Lines("", "", "", "", "", "", "", "", "nodenames.dat", _rig.Dir.File("etc/pydecnet/local.dat"), ""));

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        Assert.Contains($"  '{Path.GetFullPath("nodenames.dat")}' is not one of the names files PyDECnet's config includes ({_rig.Dir.File("etc/pydecnet/nodenames.dat")}, {_rig.Dir.File("etc/pydecnet/local.dat")})\n", run.Output, StringComparison.Ordinal);
        using var config = _rig.ReadConfig();
        Assert.Equal(_rig.Dir.File("etc/pydecnet/local.dat"), config.RootElement.GetProperty("nameRefresh").GetProperty("namesFile").GetString());
    }

    [Fact]
    public void A_config_without_names_file_or_with_a_socket_under_tmp_gets_a_note()
    {
        _rig.Install("home/pi/pydecnet-venv/bin");
        var bare = _rig.Dir.Write("etc/pydecnet/bare.conf", "routing 9.54\nnode 9.54 SAMPLE\napi /tmp/decnetapi.sock\n");

        var run = _rig.Run(SetupRig.Lines(bare, "", "", "", "", "", "", "", ""));

        Assert.True(run.Code == 0, run.Error + "\n" + run.Output);
        Assert.Contains("note: PyDECnet's API socket /tmp/decnetapi.sock is under /tmp, which the service's private /tmp hides after a restart of HecnetJobs: point PyDECnet's 'api' line at /run/pydecnet/api.sock (docs/install.md)\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("note: PyDECnet's config includes no names file, so name-refresh has none to write: add 'node @nodenames.dat' to it, or remove name-refresh from jobs.xml\n", run.Output, StringComparison.Ordinal);
    }


    public void Dispose() => _rig.Dispose();
}
