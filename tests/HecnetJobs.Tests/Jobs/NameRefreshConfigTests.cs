using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Names;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The nameRefresh section (defaults, each mistake as one line) and how the names file is found from PyDECnet's config.</summary>
public sealed class NameRefreshConfigTests : IDisposable
{
    private readonly TempDir _dir = new();

    public NameRefreshConfigTests() => _dir.Write("jobs.xml", TestFiles.JobsXml(""));

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> OneProblem => new()
    {
        { """{ "url": "ftp://mim.stupi.net/hecnod" }""", "'nameRefresh.url': 'ftp://mim.stupi.net/hecnod' is not an http, https or file URL (e.g. \"http://mim.stupi.net/hecnod\" or \"file:///var/lib/hecnetjobs/hecnod.txt\")" },
        { """{ "url": "hecnod.txt" }""", "'nameRefresh.url': 'hecnod.txt' is not an http, https or file URL (e.g. \"http://mim.stupi.net/hecnod\" or \"file:///var/lib/hecnetjobs/hecnod.txt\")" },
        { """{ "timeout": "50ms" }""", "'nameRefresh.timeout': '50ms' is out of range (from 100ms to 10m)" },
        { """{ "retries": 11 }""", "'nameRefresh.retries': 11 is not a whole number from 0 to 10" },
        { """{ "maxBytes": 100 }""", "'nameRefresh.maxBytes': 100 is not a whole number from 1024 to 268435456" },
        { """{ "maxShrinkPercent": 120 }""", "'nameRefresh.maxShrinkPercent': 120 is not a whole number from 0 to 100" },
        { """{ "pinned": ["1.13"] }""", "'nameRefresh.pinned': '1.13' is not a node entry '<area>.<node> <name>' with area 1-63, node 1-1023 and a name of 1-6 letters or digits (e.g. \"1.13 MIM\")" },
        { """{ "pinned": ["64.1 MIM"] }""", "'nameRefresh.pinned': '64.1 MIM' is not a node entry '<area>.<node> <name>' with area 1-63, node 1-1023 and a name of 1-6 letters or digits (e.g. \"1.13 MIM\")" },
        { """{ "include": "node@file" }""", "'nameRefresh.include': 'node@file' is not \"node @file\" or \"@file\" (the form of the line in PyDECnet's config that includes the names file)" },
        { """{ "restart": "later" }""", "'nameRefresh.restart': 'later' is not \"now\", \"off\" or a time of day \"HH:MM\" (e.g. \"04:30\", the restart waits for it)" },
        { """{ "restart": "25:00" }""", "'nameRefresh.restart': '25:00' is not \"now\", \"off\" or a time of day \"HH:MM\" (e.g. \"04:30\", the restart waits for it)" },
        { """{ "urll": "x" }""", "'nameRefresh.urll': unknown key (expected one of: url, timeout, retries, retryDelay, retryDelayMax, maxBytes, maxShrinkPercent, pinned, namesFile, include, restart, watchdogJob)" },
    };

    [Theory]
    [MemberData(nameof(OneProblem))]
    public void A_bad_value_is_one_line_naming_the_key(string section, string expected)
    {
        var path = Write($$"""{ "nameRefresh": {{section}} }""");

        var error = Assert.Throws<HecnetJobsException>(() => ConfigLoader.Load(path));

        Assert.Equal((78, $"{path}: {expected}"), (error.ExitCode, error.Message));
    }

    [Fact]
    public void Without_the_section_the_defaults_apply()
    {
        var names = ConfigLoader.Load(Write("{}")).NameRefresh;

        Assert.Equal(new Uri("http://mim.stupi.net/hecnod"), names.Url);
        Assert.Equal((TimeSpan.FromSeconds(30), 3, 4L * 1024 * 1024, 20), (names.Timeout, names.Retries, names.MaxBytes, names.MaxShrinkPercent));
        Assert.Equal([NodeEntry.Of("1.13", "MIM")], names.Pinned);
        Assert.Equal((null, null, NamesRestartMode.Now, "watchdog"), (names.NamesFile, names.Include, names.Restart, names.WatchdogJob));
    }

    [Fact]
    public void Every_key_is_read_with_paths_from_the_config_folder()
    {
        var names = ConfigLoader.Load(Write("""
            { "nameRefresh": { "url": "file:///srv/hecnod.txt", "timeout": "10s", "retries": 0, "retryDelay": "1s", "retryDelayMax": "1m",
              "maxBytes": 2048, "maxShrinkPercent": 5, "pinned": ["1.13 mim", "9.54 SAMPLE"], "namesFile": "pydecnet/names.dat",
              "include": "@file", "restart": "04:30", "watchdogJob": "wd" } }
            """)).NameRefresh;

        Assert.Equal(new Uri("file:///srv/hecnod.txt"), names.Url);
        Assert.Equal((TimeSpan.FromSeconds(10), 0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), 2048L, 5), (names.Timeout, names.Retries, names.RetryDelay, names.RetryDelayMax, names.MaxBytes, names.MaxShrinkPercent));
        Assert.Equal([NodeEntry.Of("1.13", "MIM"), NodeEntry.Of("9.54", "SAMPLE")], names.Pinned);
        Assert.Equal((_dir.File("pydecnet/names.dat"), NamesInclude.Plain), (names.NamesFile, names.Include));
        Assert.Equal((NamesRestartMode.QuietHour, new TimeOnly(4, 30), "wd"), (names.Restart, names.QuietHour, names.WatchdogJob));
    }

    [Fact]
    public void The_names_file_and_its_include_are_found_from_pydecnet_s_arguments()
    {
        _dir.Write("pd/node.conf", "routing 9.54 --type l2router\nnode 9.54 SAMPLE\nnode @nodenames.dat\n");
        // PyDECnet does not start without its include, so the file is there; it may be empty.
        _dir.Write("pd/nodenames.dat", "");
        var options = ConfigLoader.Load(Write("""{ "pydecnet": { "arguments": ["-L", "node.log", "--daemon", "node.conf"], "workingDirectory": "pd" } }"""));

        var target = NamesTargetFinder.Find(options);

        Assert.Equal(new NamesTarget(_dir.File("pd/nodenames.dat"), NamesInclude.NodeAt, NodeEntry.Of("9.54", "SAMPLE"), $"{_dir.File("pd/node.conf")}:3"), target);
    }

    [Fact]
    public void A_plain_include_is_found_as_plain()
    {
        _dir.Write("pd/node.conf", "routing 9.54 --type l2router\n@hecnet.conf\n");
        _dir.Write("pd/hecnet.conf", "node 1.13 MIM\n");
        var options = ConfigLoader.Load(Write("""{ "pydecnet": { "arguments": ["pd/node.conf"], "workingDirectory": "." } }"""));

        var target = NamesTargetFinder.Find(options);

        Assert.Equal((_dir.File("pd/hecnet.conf"), NamesInclude.Plain), (target.File, target.Include));
    }

    [Fact]
    public void Python_s_module_option_is_not_taken_for_a_config_file()
    {
        Assert.Equal(["/etc/pydecnet/node.conf"], PydecnetArguments.ConfigFiles(["-m", "decnet.main", "-e", "INFO", "--log-file=x.log", "/etc/pydecnet/node.conf"], "/"));
    }

    [Fact]
    public void Without_pydecnet_arguments_or_names_file_the_error_says_what_to_set()
    {
        var options = ConfigLoader.Load(Write("{}"));

        var error = Assert.Throws<HecnetJobsException>(() => NamesTargetFinder.Find(options));

        Assert.Equal((78, $"{options.ConfigFile}: 'nameRefresh.namesFile': missing, and 'pydecnet.arguments' names no PyDECnet config file to find it in; set nameRefresh.namesFile (e.g. \"/etc/pydecnet/nodenames.dat\")"), (error.ExitCode, error.Message));
    }

    [Fact]
    public void A_pydecnet_config_without_a_names_include_says_how_to_add_one()
    {
        var conf = _dir.Write("node.conf", "routing 9.54 --type l2router\nnode 1.13 MIM\ncircuit dmc-0 DDCMP\n");
        var options = ConfigLoader.Load(Write("""{ "pydecnet": { "arguments": ["node.conf"], "workingDirectory": "." } }"""));

        var error = Assert.Throws<HecnetJobsException>(() => NamesTargetFinder.Find(options));

        Assert.Equal($"{options.ConfigFile}: 'nameRefresh.namesFile': missing, and {conf} include no names file; add 'node @nodenames.dat' to PyDECnet's config, or set nameRefresh.namesFile", error.Message);
    }

    [Fact]
    public void A_names_file_without_a_known_include_asks_for_nameRefresh_include()
    {
        var options = ConfigLoader.Load(Write("""{ "nameRefresh": { "namesFile": "names.dat" } }"""));

        var error = Assert.Throws<HecnetJobsException>(() => NamesTargetFinder.Find(options));

        Assert.Equal($"{options.ConfigFile}: 'nameRefresh.include': missing and cannot be told: 'pydecnet.arguments' names no PyDECnet config file; set \"node @file\" or \"@file\", as PyDECnet's config includes '{_dir.File("names.dat")}'", error.Message);
    }

    [Fact]
    public void A_missing_pydecnet_config_file_is_named()
    {
        var options = ConfigLoader.Load(Write("""{ "pydecnet": { "arguments": ["nope.conf"] } }"""));

        var error = Assert.Throws<HecnetJobsException>(() => NamesTargetFinder.Find(options));

        Assert.Equal($"{_dir.File("data/nope.conf")}: no such file (a PyDECnet config file) (read to find the names file; or set nameRefresh.namesFile)", error.Message);
    }

    private string Write(string json)
    {
        var obj = json.TrimStart();
        var body = obj == "{}" ? "" : "," + obj.Trim()[1..^1];
        return _dir.Write("config.json", $$"""{ "dataDir": "data", "jobsFile": "jobs.xml"{{body}} }""");
    }
}
