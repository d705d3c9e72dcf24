using System.Net;
using HecnetJobs.Config;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The <c>linkProbe</c> config section: defaults, accepted forms, and the exact line each mistake gives.</summary>
public sealed class LinkProbeConfigTests : IDisposable
{
    private const string Target = "a node name (1 to 6 letters and digits, at least one letter), an address (area.node, area 1-63, node 1-1023) or circuit:NAME";
    private const string HostPort = "is not host:port with a port from 1 to 65535 (e.g. \"192.0.2.7:17101\", \"[2001:db8::1]:53\")";

    private readonly TempDir _dir = new();

    public LinkProbeConfigTests() => _dir.Write("jobs.xml", TestFiles.JobsXml(""));

    public void Dispose() => _dir.Dispose();

    /// <summary>A <c>linkProbe</c> section with one mistake, and the line that names it after "path: ".</summary>
    public static TheoryData<string, string> OneProblem => new()
    {
        { """{ "targets": ["TOOLONG7"] }""", $"'linkProbe.targets': 'TOOLONG7' is not {Target}" },
        { """{ "targets": ["MIM", "64.1"] }""", $"'linkProbe.targets': '64.1' is not {Target}" },
        { """{ "targets": ["1.1024"] }""", $"'linkProbe.targets': '1.1024' is not {Target}" },
        { """{ "targets": ["123"] }""", $"'linkProbe.targets': '123' is not {Target}" },
        { """{ "targets": ["MIM X"] }""", $"'linkProbe.targets': 'MIM X' is not {Target}" },
        { """{ "targets": [""] }""", $"'linkProbe.targets': '' is not {Target}" },
        { """{ "targets": [] }""", "'linkProbe.targets': [] is an empty list, expected at least one node (e.g. [\"MIM\"]); remove the link-probe job from jobs.xml to probe nothing" },
        { """{ "targets": "MIM" }""", "'linkProbe.targets': 'MIM' is not a list of strings (e.g. [\"MIM\", \"1.2\"])" },
        { """{ "ncpCommand": "" }""", "'linkProbe.ncpCommand': '' is not a non-empty string (e.g. \"/usr/local/bin/ncp\")" },
        { """{ "timeout": "0s" }""", "'linkProbe.timeout': '0s' is not a duration above zero (e.g. \"20s\")" },
        { """{ "timeout": "20" }""", "'linkProbe.timeout': '20' is not a duration (e.g. \"20s\"; units ms, s, m, h, d)" },
        { """{ "timeout": "11m" }""", "'linkProbe.timeout': '11m' is out of range (from 100ms to 10m)" },
        { """{ "downAfter": 0 }""", "'linkProbe.downAfter': 0 is not a whole number from 1 to 100" },
        { """{ "upAfter": 101 }""", "'linkProbe.upAfter': 101 is not a whole number from 1 to 100" },
        { """{ "upAfter": "2" }""", "'linkProbe.upAfter': '2' is not a whole number from 1 to 100" },
        { """{ "remindEvery": "never" }""", "'linkProbe.remindEvery': 'never' is not a duration above zero or \"off\" (e.g. \"12h\", or \"off\"; units ms, s, m, h, d)" },
        { """{ "remindEvery": false }""", "'linkProbe.remindEvery': false is not a duration above zero or \"off\" (e.g. \"12h\", or \"off\"; units ms, s, m, h, d)" },
        { """{ "remindEvery": "30s" }""", "'linkProbe.remindEvery': '30s' is out of range (from 1m to 30d, or \"off\")" },
        { """{ "unknownAlertAfter": "0m" }""", "'linkProbe.unknownAlertAfter': '0m' is not a duration above zero or \"off\" (e.g. \"30m\", or \"off\"; units ms, s, m, h, d)" },
        { """{ "unknownAlertAfter": "8d" }""", "'linkProbe.unknownAlertAfter': '8d' is out of range (from 1m to 7d, or \"off\")" },
        { """{ "internetCheck": ["192.0.2.7"] }""", $"'linkProbe.internetCheck': '192.0.2.7' {HostPort}" },
        { """{ "internetCheck": ["1.1.1.1:0"] }""", $"'linkProbe.internetCheck': '1.1.1.1:0' {HostPort}" },
        { """{ "internetCheck": ["1.1.1.1:65536"] }""", $"'linkProbe.internetCheck': '1.1.1.1:65536' {HostPort}" },
        { """{ "internetCheck": ["2001:db8::1:53"] }""", $"'linkProbe.internetCheck': '2001:db8::1:53' {HostPort}" },
        { """{ "internetCheck": "1.1.1.1:53" }""", "'linkProbe.internetCheck': '1.1.1.1:53' is not a list of strings (e.g. [\"192.0.2.7:17101\", \"1.1.1.1:53\"])" },
        { """{ "circuit": "DMC 0" }""", "'linkProbe.circuit': 'DMC 0' is not a circuit name (e.g. \"DMC-0\", as 'ncp show known circuits' lists it)" },
        { """{ "downIs": "fatal" }""", "'linkProbe.downIs': 'fatal' is not one of critical, warning (or an object such as { \"MIM\": \"warning\" })" },
        { """{ "downIs": 2 }""", "'linkProbe.downIs': 2 is not one of critical, warning or an object such as { \"MIM\": \"warning\" }" },
        { """{ "downIs": { "MIM": "ok" } }""", "'linkProbe.downIs.MIM': 'ok' is not one of critical, warning" },
        { """{ "downIs": { "TOOLONG7": "warning" } }""", $"'linkProbe.downIs.TOOLONG7': 'TOOLONG7' is not {Target}" },
        { """{ "tragets": ["MIM"] }""", "'linkProbe.tragets': unknown key (expected one of: targets, ncpCommand, timeout, downAfter, upAfter, remindEvery, unknownAlertAfter, internetCheck, circuit, downIs)" },
        { "\"MIM\"", "'linkProbe': 'MIM' is a string, expected an object { ... }" },
    };

    [Theory]
    [MemberData(nameof(OneProblem))]
    public void A_link_probe_mistake_is_one_line_naming_the_key_and_the_value(string section, string expected)
    {
        var path = _dir.Write("config.json", $$"""{ "dataDir": "data", "linkProbe": {{section}} }""");

        var error = Assert.Throws<HecnetJobsException>(() => ConfigLoader.Load(path));

        Assert.Equal($"{path}: {expected}", error.Message);
        Assert.Equal(ExitCodes.Config, error.ExitCode);
    }

    [Fact]
    public void Every_bad_target_is_listed_not_only_the_first()
    {
        var path = _dir.Write("config.json", """{ "dataDir": "data", "linkProbe": { "targets": ["A-B", "MIM", "0.5"] } }""");

        var error = Assert.Throws<HecnetJobsException>(() => ConfigLoader.Load(path));

        Assert.Equal($"{path}: 'linkProbe.targets': 'A-B' is not {Target}\n{path}: 'linkProbe.targets': '0.5' is not {Target}", error.Message);
    }

    [Fact]
    public void Without_a_link_probe_section_the_documented_defaults_apply()
    {
        var options = ConfigLoader.Load(_dir.Write("config.json", """{ "dataDir": "data" }""")).LinkProbe;

        Assert.Equal(["MIM"], options.Targets);
        Assert.Equal("ncp", options.NcpCommand);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Timeout);
        Assert.Equal((2, 2), (options.DownAfter, options.UpAfter));
        Assert.Equal(TimeSpan.FromHours(12), options.RemindEvery);
        Assert.Equal(TimeSpan.FromMinutes(30), options.UnknownAlertAfter);
        Assert.Empty(options.InternetCheck);
        Assert.Null(options.Circuit);
        Assert.Equal("critical", options.SeverityOf("MIM"));
    }

    [Fact]
    public void Targets_are_normalised_and_duplicates_dropped()
    {
        var options = Load("""{ "targets": ["mim", "MIM", "01.013", " ernie "] }""");

        Assert.Equal(["MIM", "1.13", "ERNIE"], options.Targets);
    }

    [Fact]
    public void A_relative_ncp_command_is_taken_from_the_config_folder_and_a_bare_name_is_left_for_path()
    {
        Assert.Equal(_dir.File("bin/ncp"), Load("""{ "ncpCommand": "bin/ncp" }""").NcpCommand);
        Assert.Equal("ncp3", Load("""{ "ncpCommand": "ncp3" }""").NcpCommand);
    }

    [Fact]
    public void Off_turns_reminders_and_the_unknown_alert_off()
    {
        var options = Load("""{ "remindEvery": "off", "unknownAlertAfter": "OFF" }""");

        Assert.Null(options.RemindEvery);
        Assert.Null(options.UnknownAlertAfter);
    }

    [Fact]
    public void Internet_check_endpoints_take_names_ipv4_and_bracketed_ipv6()
    {
        var options = Load("""{ "internetCheck": ["mim.stupi.net:4711", "192.0.2.7:17101", "[2001:db8::1]:53"] }""");

        Assert.Equal(
            [new DnsEndPoint("mim.stupi.net", 4711), new DnsEndPoint("192.0.2.7", 17101), new DnsEndPoint("2001:db8::1", 53)],
            options.InternetCheck);
    }

    [Fact]
    public void Down_is_may_be_one_word_for_all_or_a_word_per_target()
    {
        Assert.Equal("warning", Load("""{ "downIs": "WARNING" }""").SeverityOf("MIM"));

        var perTarget = Load("""{ "circuit": "dmc-0", "downIs": { "ernie": "warning", "1.13": "critical" } }""");

        Assert.Equal(("warning", "critical", "critical"), (perTarget.SeverityOf("ERNIE"), perTarget.SeverityOf("1.13"), perTarget.SeverityOf("MIM")));
        Assert.Equal("DMC-0", perTarget.Circuit);
    }

    private HecnetJobs.Jobs.LinkProbeOptions Load(string section) =>
        ConfigLoader.Load(_dir.Write("config.json", $$"""{ "dataDir": "data", "linkProbe": {{section}} }""")).LinkProbe;
}
