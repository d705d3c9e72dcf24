using System.Runtime.Versioning;
using HecnetJobs.Setup;

namespace HecnetJobs.Tests.Setup;

/// <summary>The catalogue of wrong answers: each with the exact line the user reads before the question comes again.</summary>
[SupportedOSPlatform("linux")]
public sealed class AnswerRulesTests : IDisposable
{
    private readonly SetupRig _rig = new();
    private readonly AnswerRules _rules;

    public AnswerRulesTests()
    {
        _rules = new AnswerRules(new ToolFinder(_rig.Places), _rig.Home);
    }

    [Theory]
    [InlineData("SAMPLE7", "'SAMPLE7' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)")]
    [InlineData("1234", "'1234' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)")]
    [InlineData("SAM-PL", "'SAM-PL' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)")]
    [InlineData("9.54", "'9.54' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)")]
    public void A_bad_node_name_is_refused(string answer, string expected) =>
        Assert.Equal(expected, AnswerRules.NodeName(answer).Problem);

    [Theory]
    [InlineData("MIM 64.1", "'64.1' is not a node name (1 to 6 letters and digits, at least one letter), an address (area.node, area 1-63, node 1-1023) or circuit:NAME")]
    [InlineData("1.1024", "'1.1024' is not a node name (1 to 6 letters and digits, at least one letter), an address (area.node, area 1-63, node 1-1023) or circuit:NAME")]
    [InlineData("TOOLONG", "'TOOLONG' is not a node name (1 to 6 letters and digits, at least one letter), an address (area.node, area 1-63, node 1-1023) or circuit:NAME")]
    [InlineData("MIM;ERNIE", "'MIM;ERNIE' is not a node name (1 to 6 letters and digits, at least one letter), an address (area.node, area 1-63, node 1-1023) or circuit:NAME")]
    [InlineData(" , ", "name at least one node to watch (e.g. MIM)")]
    public void A_bad_target_is_refused(string answer, string expected) =>
        Assert.Equal(expected, AnswerRules.Targets(answer).Problem);

    [Fact]
    public void Targets_are_split_on_spaces_and_commas_normalised_and_kept_once()
    {
        var targets = AnswerRules.Targets("mim, 1.013 MIM circuit:dmc-0").Value;

        Assert.Equal(["MIM", "1.13", "circuit:DMC-0"], targets);
    }

    [Theory]
    [InlineData("you@gmail.com", "'you@gmail.com' is a mail address; give the mail server's host name (e.g. smtp.gmail.com), or eml")]
    [InlineData("smtp://smtp.gmail.com", "'smtp://smtp.gmail.com' is not a host name; give only the name (e.g. smtp.gmail.com), the port is the next question")]
    [InlineData("smtp.gmail.com:587", "'smtp.gmail.com:587' is not a host name; give only the name (e.g. smtp.gmail.com), the port is the next question")]
    [InlineData("smtp gmail", "'smtp gmail' is not a host name (e.g. smtp.gmail.com), or eml for mail files")]
    [InlineData("-smtp.example.org", "'-smtp.example.org' is not a host name (e.g. smtp.gmail.com), or eml for mail files")]
    public void A_bad_mail_server_is_refused(string answer, string expected) =>
        Assert.Equal(expected, AnswerRules.MailServer(answer).Problem);

    [Theory]
    [InlineData("eml", null)]
    [InlineData("EML", null)]
    [InlineData("Smtp.Gmail.com", "smtp.gmail.com")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "::1")]
    public void A_mail_server_is_eml_or_a_host_name(string answer, string? expected)
    {
        var parsed = AnswerRules.MailServer(answer);

        Assert.True(parsed.IsValid, parsed.Problem);
        Assert.Equal(expected, parsed.Value);
    }

    [Theory]
    [InlineData("0", "'0' is not a port number from 1 to 65535 (e.g. 587)")]
    [InlineData("65536", "'65536' is not a port number from 1 to 65535 (e.g. 587)")]
    [InlineData("+587", "'+587' is not a port number from 1 to 65535 (e.g. 587)")]
    [InlineData("submission", "'submission' is not a port number from 1 to 65535 (e.g. 587)")]
    public void A_bad_port_is_refused(string answer, string expected) =>
        Assert.Equal(expected, AnswerRules.Port(answer).Problem);

    [Theory]
    [InlineData("you", "'you' is not a mail address (e.g. you@example.org)")]
    [InlineData("you@example.org them", "'them' is not a mail address (e.g. you@example.org)")]
    [InlineData("@example.org", "'@example.org' is not a mail address (e.g. you@example.org)")]
    [InlineData(",", "name at least one address (e.g. you@example.org)")]
    public void A_bad_recipient_list_is_refused(string answer, string expected) =>
        Assert.Equal(expected, AnswerRules.MailAddresses(answer).Problem);

    [Theory]
    [InlineData("hecnetjobs", "'hecnetjobs' is not a mail address (e.g. hecnetjobs@example.org)")]
    [InlineData("a b@example.org", "'a b@example.org' is not a mail address (e.g. hecnetjobs@example.org)")]
    public void A_bad_sender_is_refused(string answer, string expected) =>
        Assert.Equal(expected, AnswerRules.MailAddress(answer).Problem);

    [Theory]
    [InlineData("pi user", "'pi user' is not a login name (no spaces; e.g. you@gmail.com), or none")]
    public void A_login_with_a_space_is_refused(string answer, string expected) =>
        Assert.Equal(expected, AnswerRules.SmtpUser(answer).Problem);

    [Theory]
    [InlineData("hc-ping.com/0b1e-secret-token")]
    [InlineData("ftp://hc-ping.com/0b1e-secret-token")]
    [InlineData("https://")]
    [InlineData("/0b1e-secret-token")]
    public void A_bad_ping_url_is_refused_without_echoing_it(string answer)
    {
        var problem = AnswerRules.PingUrl(answer).Problem;

        Assert.Equal("that is not an absolute http or https URL (e.g. https://hc-ping.com/your-check-uuid), or none", problem);
    }

    [Fact]
    public void A_config_file_that_does_not_exist_is_refused()
    {
        var missing = _rig.Dir.File("etc/pydecnet/nodee.conf");

        Assert.Equal($"'{missing}' does not exist (PyDECnet's config file, as named on its command line)", _rules.PydecnetConfigFiles(missing).Problem);
    }

    [Fact]
    public void A_folder_given_as_the_config_is_refused()
    {
        var folder = _rig.Dir.File("etc/pydecnet");

        Assert.Equal($"'{folder}' is a folder; name the config file(s) in it that PyDECnet is started with", _rules.PydecnetConfigFiles(folder).Problem);
    }

    [Fact]
    public void A_config_without_an_api_line_is_refused_with_what_to_add()
    {
        var file = _rig.Dir.Write("etc/pydecnet/noapi.conf", "routing 9.54\nnode 9.54 SAMPLE\n");

        Assert.Equal($"{file}: no 'api' line, so PyDECnet opens no API socket, which the watchdog and ncp need; add 'api /run/pydecnet/api.sock' and answer again",
            _rules.PydecnetConfigFiles(file).Problem);
    }

    [Fact]
    public void A_config_whose_include_is_missing_is_refused_with_the_readers_line()
    {
        var file = _rig.Dir.Write("etc/pydecnet/broken.conf", "routing 9.54\napi /run/pydecnet/api.sock\nnode @gone.dat\n");

        Assert.Equal($"{file}:3: 'node @gone.dat': '{_rig.Dir.File("etc/pydecnet/gone.dat")}' does not exist (an include path is relative to the folder of the file that names it)",
            _rules.PydecnetConfigFiles(file).Problem);
    }

    [Fact]
    public void A_config_path_may_start_with_the_home_folder()
    {
        var file = _rig.Dir.Write("home/pi/node.conf", "routing 9.54\napi /run/pydecnet/api.sock\n");

        var parsed = _rules.PydecnetConfigFiles("~/node.conf");

        Assert.True(parsed.IsValid, parsed.Problem);
        Assert.Equal([file], parsed.Value!.ConfigFiles);
    }

    [Fact]
    public void A_program_that_does_not_exist_is_refused()
    {
        var path = _rig.Dir.File("home/pi/venv/bin/pydecnet");

        Assert.Equal($"'{path}' does not exist (the pydecnet program)", _rules.Program(path).Problem);
    }

    [Fact]
    public void A_program_that_is_not_executable_is_refused()
    {
        var path = _rig.Dir.Write("usr/local/bin/pydecnet", "#!/usr/bin/env python3\n");

        Assert.Equal($"'{path}' is not executable (chmod +x it)", _rules.Program(path).Problem);
    }

    [Fact]
    public void A_bare_program_name_not_on_path_is_refused()
    {
        Assert.Equal("'pydecnet' is not on PATH; give the full path of the pydecnet program", _rules.Program("pydecnet").Problem);
    }

    [Fact]
    public void A_folder_that_is_not_a_checkout_is_refused()
    {
        var folder = _rig.Dir.File("etc");

        Assert.Equal($"'{folder}' is a folder without decnet/main.py; give the pydecnet program, or the folder of a PyDECnet source checkout (the one holding decnet/)",
            _rules.Program(folder).Problem);
    }

    [Fact]
    public void Python_itself_is_refused_with_what_to_give_instead()
    {
        var python = _rig.Dir.Write("usr/bin/python3", "");
        File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.Equal($"'{python}' is Python itself; for a source checkout give its folder (the one holding decnet/main.py), setup then runs it as python3 -m decnet.main",
            _rules.Program(python).Problem);
    }

    [Fact]
    public void A_checkout_folder_becomes_python_with_the_module_and_its_folder()
    {
        var python = _rig.Dir.Write("usr/bin/python3", "");
        File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var package = _rig.Checkout("src/pydecnet-git");

        var install = _rules.Program(package).Value!;

        Assert.Equal(python, install.Command);
        Assert.Equal(["-m", "decnet.main"], install.LeadingArguments);
        Assert.Equal(package, install.WorkingDirectory);
    }

    [Fact]
    public void A_log_file_whose_folder_does_not_exist_is_refused()
    {
        var log = _rig.Dir.File("var/log/pydecnet/node.log");

        Assert.Equal($"'{_rig.Dir.File("var/log/pydecnet")}' does not exist, and PyDECnet would not start without its log folder; create it, or answer none",
            _rules.LogFile(log).Problem);
    }

    [Fact]
    public void A_folder_given_as_the_log_file_is_refused()
    {
        var folder = _rig.Dir.File("etc/pydecnet");

        Assert.Equal($"'{folder}' is a folder; give a file in it (e.g. {folder}/pydecnet.log), or none", _rules.LogFile(folder).Problem);
    }

    [Fact]
    public void A_data_folder_that_is_a_file_is_refused()
    {
        var file = _rig.PydecnetConfig;

        Assert.Equal($"'{file}' is a file, expected a folder", _rules.DataDir(file).Problem);
    }

    [Fact]
    public void An_ncp_that_does_not_exist_is_refused()
    {
        var path = _rig.Dir.File("usr/local/bin/ncp");

        Assert.Equal($"'{path}' does not exist (PyDECnet's ncp program)", _rules.Ncp(path).Problem);
    }

    public void Dispose() => _rig.Dispose();
}
