using System.Net;
using HecnetJobs.Config;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Config;

/// <summary>The <c>web</c> and <c>metrics</c> sections: defaults, the exact line for every mistake, and secrets that never appear in one.</summary>
public sealed class ConfigLoaderWebTests : IDisposable
{
    private const string Token = "0123456789abcdefSECRET";
    private readonly TempDir _dir = new();

    public ConfigLoaderWebTests() => _dir.Write("jobs.xml", TestFiles.JobsXml(""));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Without_the_sections_the_page_is_off_on_loopback_port_8270_and_no_textfile_is_written()
    {
        var options = Load("""{ "dataDir": "data" }""");

        Assert.False(options.Web.Enabled);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8270), options.Web.Listen);
        Assert.Null(options.Web.Token);
        Assert.Null(options.Web.User);
        Assert.False(options.Web.RequiresAuth);
        Assert.Null(options.Metrics.Textfile);
    }

    [Fact]
    public void A_token_is_kept_as_a_secret_that_prints_as_secret()
    {
        var options = Load($$"""{ "dataDir": "data", "web": { "enabled": true, "listen": "0.0.0.0:9000", "token": "{{Token}}" } }""");

        Assert.Equal(new IPEndPoint(IPAddress.Any, 9000), options.Web.Listen);
        Assert.Equal(Token, options.Web.Token!.Reveal());
        Assert.Equal("(secret)", $"{options.Web.Token}");
        Assert.True(options.Web.RequiresAuth);
    }

    [Theory]
    [InlineData("localhost:8270", "127.0.0.1", 8270)]
    [InlineData("[::1]:80", "::1", 80)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData(" 127.0.0.2:8270 ", "127.0.0.2", 8270)]
    public void Listen_takes_an_address_and_port_with_localhost_as_127_0_0_1(string listen, string address, int port)
    {
        var options = Load($$"""{ "dataDir": "data", "web": { "listen": "{{listen}}" } }""");

        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), options.Web.Listen);
    }

    [Fact]
    public void A_user_and_password_turn_on_basic_authentication_and_allow_any_address()
    {
        var options = Load("""{ "dataDir": "data", "web": { "enabled": true, "listen": "[::]:8270", "user": "owner", "password": "hunter2" } }""");

        Assert.Equal("owner", options.Web.User);
        Assert.Equal("hunter2", options.Web.Password!.Reveal());
        Assert.True(options.Web.RequiresAuth);
    }

    [Fact]
    public void The_textfile_path_is_taken_from_the_config_folder()
    {
        Directory.CreateDirectory(_dir.File("textfiles"));

        var options = Load("""{ "dataDir": "data", "metrics": { "textfile": "textfiles/hecnetjobs.prom" } }""");

        Assert.Equal(_dir.File("textfiles/hecnetjobs.prom"), options.Metrics.Textfile);
    }

    /// <summary>One mistake each, and the line after "path: ". None may show the token or the password.</summary>
    public static TheoryData<string, string> OneProblem => new()
    {
        { """{ "web": { "enabled": "yes" } }""", "'web.enabled': 'yes' is not true or false" },
        { """{ "web": { "listen": 8270 } }""", "'web.listen': 8270 is not a non-empty string (e.g. \"127.0.0.1:8270\", \"0.0.0.0:8270\" for every interface, \"[::1]:8270\")" },
        { """{ "web": { "listen": "8270" } }""", "'web.listen': '8270' is not an IP address and port from 0 to 65535 (e.g. \"127.0.0.1:8270\", \"0.0.0.0:8270\" for every interface, \"[::1]:8270\")" },
        { """{ "web": { "listen": "127.0.0.1:70000" } }""", "'web.listen': '127.0.0.1:70000' is not an IP address and port from 0 to 65535 (e.g. \"127.0.0.1:8270\", \"0.0.0.0:8270\" for every interface, \"[::1]:8270\")" },
        { """{ "web": { "listen": "myhost:8270" } }""", "'web.listen': 'myhost:8270' is not an IP address and port from 0 to 65535 (e.g. \"127.0.0.1:8270\", \"0.0.0.0:8270\" for every interface, \"[::1]:8270\")" },
        { """{ "web": { "listen": "::1:8270" } }""", "'web.listen': '::1:8270' is not an IP address and port from 0 to 65535 (e.g. \"127.0.0.1:8270\", \"0.0.0.0:8270\" for every interface, \"[::1]:8270\")" },
        { """{ "web": { "listen": "127.0.0.256:8270" } }""", "'web.listen': '127.0.0.256:8270' is not an IP address and port from 0 to 65535 (e.g. \"127.0.0.1:8270\", \"0.0.0.0:8270\" for every interface, \"[::1]:8270\")" },
        {
            """{ "web": { "enabled": true, "listen": "0.0.0.0:8270" } }""",
            "'web.listen': '0.0.0.0:8270' is not a loopback address, so the page needs web.token (or $HECNETJOBS_WEB_TOKEN) or web.user and web.password; or listen on \"127.0.0.1:8270\""
        },
        {
            """{ "web": { "enabled": true, "listen": "[2001:db8::7]:80" } }""",
            "'web.listen': '[2001:db8::7]:80' is not a loopback address, so the page needs web.token (or $HECNETJOBS_WEB_TOKEN) or web.user and web.password; or listen on \"127.0.0.1:80\""
        },
        { """{ "web": { "token": "hunter2" } }""", "'web.token': is shorter than 16 characters (the value is not shown: it is a secret); use a long random one, e.g. from 'openssl rand -hex 16'" },
        { """{ "web": { "token": 1234567890123456789 } }""", "'web.token': is not a non-empty string (the value is not shown: it is a secret)" },
        { """{ "web": { "user": "owner" } }""", "'web.password': missing for user 'owner'; set it here or in $HECNETJOBS_WEB_PASSWORD" },
        { """{ "web": { "password": "hunter2" } }""", "'web.password': is set but web.user is missing; give both or neither" },
        { """{ "web": { "user": "own:er", "password": "hunter2" } }""", "'web.user': 'own:er' contains ':', which basic authentication cannot carry in a user name" },
        { """{ "web": { "user": "", "password": "hunter2" } }""", "'web.user': '' is not a non-empty string (e.g. \"owner\")" },
        { """{ "web": { "user": "owner", "password": ["hunter2"] } }""", "'web.password': is not a non-empty string (the value is not shown: it is a secret)" },
        { """{ "web": { "port": 8270 } }""", "'web.port': unknown key (expected one of: enabled, listen, token, user, password)" },
        { """{ "web": true }""", "'web': true is true/false, expected an object { ... }" },
        { """{ "metrics": { "textfile": "metrics.txt" } }""", "'metrics.textfile': '{dir}/metrics.txt' does not end in .prom (node_exporter's textfile collector reads only *.prom files)" },
        { """{ "metrics": { "textfile": "nowhere/hecnetjobs.prom" } }""", "'metrics.textfile': '{dir}/nowhere/hecnetjobs.prom': its folder does not exist (it must be node_exporter's --collector.textfile.directory)" },
        { """{ "metrics": { "textfile": "" } }""", "'metrics.textfile': '' is not a non-empty string (e.g. \"/var/lib/prometheus/node-exporter/hecnetjobs.prom\")" },
        { """{ "metrics": { "file": "x.prom" } }""", "'metrics.file': unknown key (expected one of: textfile)" },
    };

    [Theory]
    [MemberData(nameof(OneProblem))]
    public void A_mistake_in_the_web_or_metrics_section_is_one_line_naming_the_key_and_never_the_secret(string sections, string expected)
    {
        var path = _dir.Write("config.json", $$"""{ "dataDir": "data", {{sections[1..^1]}} }""");

        var error = Assert.Throws<HecnetJobsException>(() => ConfigLoader.Load(path));

        Assert.Equal($"{path}: {expected.Replace("{dir}", _dir.Path, StringComparison.Ordinal)}", error.Message);
        Assert.Equal(78, error.ExitCode);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567890123456789", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_page_may_name_any_address_without_a_token()
    {
        var options = Load("""{ "dataDir": "data", "web": { "enabled": false, "listen": "0.0.0.0:8270" } }""");

        Assert.False(options.Web.Enabled);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_token_and_password_may_come_from_the_environment_and_a_short_one_there_is_refused_by_name()
    {
        var config = _dir.Write("config.json", """{ "dataDir": "data", "web": { "enabled": true, "listen": "0.0.0.0:8270", "user": "owner" } }""");

        using var good = HecnetJobsProcess.Start(["check", "--config", config], new Dictionary<string, string>
        {
            [ConfigLoader.WebTokenVariable] = Token,
            [ConfigLoader.WebPasswordVariable] = "hunter2",
        });
        await good.WaitForExitAsync(TimeSpan.FromSeconds(60));
        using var shortToken = HecnetJobsProcess.Start(["check", "--config", config], new Dictionary<string, string>
        {
            [ConfigLoader.WebTokenVariable] = "short",
            [ConfigLoader.WebPasswordVariable] = "hunter2",
        });
        await shortToken.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(good.ExitCode == 0, good.Stdout + good.Stderr);
        Assert.Equal(78, shortToken.ExitCode);
        Assert.Contains($"{config}: 'web.token': $HECNETJOBS_WEB_TOKEN is shorter than 16 characters (the value is not shown: it is a secret); use a long random one, e.g. from 'openssl rand -hex 16'", shortToken.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("short", shortToken.Stderr.Replace("shorter", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, good.Stdout + good.Stderr, StringComparison.Ordinal);
    }

    private HecnetJobsOptions Load(string json) => ConfigLoader.Load(_dir.Write("config.json", json));
}
