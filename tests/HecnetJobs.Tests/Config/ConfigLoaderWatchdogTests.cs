using HecnetJobs.Config;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Config;

/// <summary>The pydecnet, watchdog, pause and vitals sections: defaults, derived paths, and the text of each mistake.</summary>
public sealed class ConfigLoaderWatchdogTests : IDisposable
{
    private readonly TempDir _dir = new();

    public ConfigLoaderWatchdogTests() => _dir.Write("jobs.xml", TestFiles.JobsXml(""));

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> OneProblem => new()
    {
        { """{ "pydecnet": { "command": "" } }""", "'pydecnet.command': '' is not a non-empty string (e.g. \"/usr/local/bin/pydecnet\")" },
        { """{ "pydecnet": { "arguments": "-L node.log" } }""", "'pydecnet.arguments': '-L node.log' is not a list of strings (e.g. [\"-L\", \"/var/log/pydecnet/node.log\", \"/etc/pydecnet/node.conf\"])" },
        { """{ "pydecnet": { "arguments": ["-L", 5] } }""", "'pydecnet.arguments': [\"-L\", 5] is not a list of strings (e.g. [\"-L\", \"/var/log/pydecnet/node.log\", \"/etc/pydecnet/node.conf\"])" },
        { """{ "pydecnet": { "httpPort": 70000 } }""", "'pydecnet.httpPort': 70000 is not a whole number from 1 to 65535" },
        { """{ "pydecnet": { "apisocket": "/run/a.sock" } }""", "'pydecnet.apisocket': unknown key (expected one of: command, arguments, workingDirectory, consoleLog, logFile, pidFile, apiSocket, httpPort)" },
        { """{ "watchdog": { "hangAfter": "0s" } }""", "'watchdog.hangAfter': '0s' is not a duration above zero (e.g. \"5m\")" },
        { """{ "watchdog": { "probeTimeout": "50ms" } }""", "'watchdog.probeTimeout': '50ms' is out of range (from 100ms to 1m)" },
        { """{ "watchdog": { "restartBurst": 0 } }""", "'watchdog.restartBurst': 0 is not a whole number from 1 to 100" },
        { """{ "watchdog": { "alertEachRestart": "yes" } }""", "'watchdog.alertEachRestart': 'yes' is not true or false" },
        { """{ "watchdog": { "backoffInitial": "10m", "backoffMax": "5m" } }""", "'watchdog.backoffMax': '5m' must not be shorter than watchdog.backoffInitial ('10m')" },
        { """{ "pause": { "default": "3h", "max": "1h" } }""", "'pause.max': '1h' must not be shorter than pause.default ('3h')" },
        { """{ "pause": { "max": "60d" } }""", "'pause.max': '60d' is out of range (from 1m to 30d)" },
        { """{ "vitals": { "diskWarnPercent": 101 } }""", "'vitals.diskWarnPercent': 101 is not a whole number from 0 to 100" },
    };

    [Theory]
    [MemberData(nameof(OneProblem))]
    public void A_bad_value_is_one_line_naming_the_key(string sections, string expected)
    {
        var path = Write(sections);

        var error = Assert.Throws<HecnetJobsException>(() => ConfigLoader.Load(path));

        Assert.Equal(78, error.ExitCode);
        Assert.Equal($"{path}: {expected}", error.Message);
    }

    [Fact]
    public void Without_the_sections_the_defaults_apply_and_paths_sit_in_the_data_folder()
    {
        var options = ConfigLoader.Load(Write("{}"));

        var data = _dir.File("data");
        Assert.Null(options.Pydecnet.Command);
        Assert.Empty(options.Pydecnet.Arguments);
        Assert.Equal(data, options.Pydecnet.WorkingDirectory);
        Assert.Equal(Path.Combine(data, "pydecnet-console.log"), options.Pydecnet.ConsoleLog);
        Assert.Equal("/tmp/decnetapi.sock", options.Pydecnet.ApiSocket);
        Assert.Null(options.Pydecnet.HttpPort);
        Assert.Null(options.Pydecnet.PidFile);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Watchdog.HangAfter);
        Assert.Equal(5, options.Watchdog.RestartBurst);
        Assert.Equal(TimeSpan.FromHours(1), options.Watchdog.BackoffMax);
        Assert.True(options.Watchdog.ReactToExit);
        Assert.Equal(TimeSpan.FromHours(2), options.Pause.Default);
        Assert.Equal(TimeSpan.FromHours(24), options.Pause.Max);
    }

    [Fact]
    public void The_log_and_pid_files_come_from_pydecnets_own_arguments_relative_to_its_working_directory()
    {
        var options = ConfigLoader.Load(Write("""
            { "pydecnet": { "command": "pydecnet", "workingDirectory": "/etc/pydecnet",
                            "arguments": ["--daemon", "--pid-file=run/p.pid", "-L", "log/node.log", "node.conf"] } }
            """));

        Assert.Equal("pydecnet", options.Pydecnet.Command);
        Assert.Equal("/etc/pydecnet/log/node.log", options.Pydecnet.LogFile);
        Assert.Equal("/etc/pydecnet/run/p.pid", options.Pydecnet.PidFile);
    }

    [Fact]
    public void Daemon_mode_without_a_pid_file_argument_means_pydecnets_default_pid_file()
    {
        var options = ConfigLoader.Load(Write("""{ "pydecnet": { "command": "/opt/pydecnet/bin/pydecnet", "arguments": ["-d", "node.conf"] } }"""));

        Assert.Equal("/var/run/pydecnet.pid", options.Pydecnet.PidFile);
    }

    [Fact]
    public void A_command_with_a_slash_is_taken_from_the_config_files_folder()
    {
        var options = ConfigLoader.Load(Write("""{ "pydecnet": { "command": "venv/bin/pydecnet", "apiSocket": "run/api.sock", "httpPort": 8000 } }"""));

        Assert.Equal(_dir.File("venv/bin/pydecnet"), options.Pydecnet.Command);
        Assert.Equal(_dir.File("run/api.sock"), options.Pydecnet.ApiSocket);
        Assert.Equal(8000, options.Pydecnet.HttpPort);
    }

    /// <summary>A config with a data folder and the given top-level sections (a JSON object's inner text or <c>{}</c>).</summary>
    private string Write(string sections)
    {
        var inner = sections.Trim().TrimStart('{').TrimEnd('}').Trim();
        return _dir.Write("config.json", $$"""{ "dataDir": "data"{{(inner.Length > 0 ? ", " + inner : "")}} }""");
    }
}
