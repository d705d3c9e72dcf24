using HecnetJobs.Config;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Config;

/// <summary>Malformed config files and the exact text the user reads for each (STYLE.md rule 5): that text is part of the product.</summary>
public sealed class ConfigLoaderTests : IDisposable
{
    private const string DataDirExample = "(e.g. \"/var/lib/hecnetjobs\")";
    private const string RootKeys = "(expected one of: dataDir, jobsFile, logging, status, housekeeping, pydecnet, watchdog, nameRefresh, pause, vitals, linkProbe, alerts, web, metrics)";

    private readonly TempDir _dir = new();

    // Every config below names a jobs file that exists unless the case is about the jobs file.
    public ConfigLoaderTests() => _dir.Write("jobs.xml", TestFiles.JobsXml(""));

    public void Dispose() => _dir.Dispose();

    /// <summary>A config with one problem, and the line that names it after "path: ".</summary>
    public static TheoryData<string, string> OneProblem => new()
    {
        { """{ "dataDir": "data", "status": { "interval": 30 } }""", "'status.interval': 30 is not a duration (e.g. \"30s\"; units ms, s, m, h, d)" },
        { """{ "dataDir": "data", "logging": "debug" }""", "'logging': 'debug' is a string, expected an object { ... }" },
        { """{ "dataDir": "data", "housekeeping": [] }""", "'housekeeping': [] is a list, expected an object { ... }" },
        { """{ "dataDir": 42 }""", $"'dataDir': 42 is not a non-empty string {DataDirExample}" },
        { """{ "dataDir": "" }""", $"'dataDir': '' is not a non-empty string {DataDirExample}" },
        { """{ "dataDir": "data", "statsu": {} }""", $"'statsu': unknown key {RootKeys}" },
        { """{ "dataDir": "data", "status": { "intervall": "30s" } }""", "'status.intervall': unknown key (expected one of: file, interval, staleAfter)" },
        { """{ "dataDir": "data", "logging": { "levle": "Info" } }""", "'logging.levle': unknown key (expected one of: level, dir, keepFiles)" },
        { """{ "dataDir": "data", "housekeeping": { "retain": "30d" } }""", "'housekeeping.retain': unknown key (expected one of: retention)" },
        { """{ }""", $"'dataDir': missing {DataDirExample}" },
        { """{ "dataDir": null }""", $"'dataDir': missing {DataDirExample}" },
        { """{ "dataDir": "data", "status": { "interval": "0s" } }""", "'status.interval': '0s' is not a duration above zero (e.g. \"30s\")" },
        { """{ "dataDir": "data", "status": { "interval": "-5s" } }""", "'status.interval': '-5s' is not a duration (e.g. \"30s\"; units ms, s, m, h, d)" },
        { """{ "dataDir": "data", "status": { "interval": "5 minutes" } }""", "'status.interval': '5 minutes' is not a duration (e.g. \"30s\"; units ms, s, m, h, d)" },
        { """{ "dataDir": "data", "status": { "interval": "2h" } }""", "'status.interval': '2h' is out of range (from 1s to 1h)" },
        { """{ "dataDir": "data", "status": { "staleAfter": "8d" } }""", "'status.staleAfter': '8d' is out of range (from 2s to 7d)" },
        { """{ "dataDir": "data", "housekeeping": { "retention": "30m" } }""", "'housekeeping.retention': '30m' is out of range (from 1h to 3650d)" },
        { """{ "dataDir": "data", "housekeeping": { "retention": "forever" } }""", "'housekeeping.retention': 'forever' is not a duration (e.g. \"30d\"; units ms, s, m, h, d)" },
        {
            """{ "dataDir": "data", "status": { "interval": "1m", "staleAfter": "1m" } }""",
            "'status.staleAfter': '1m' must be longer than status.interval ('1m'), or every heartbeat would look stale"
        },
        {
            """{ "dataDir": "data", "status": { "interval": "10m", "staleAfter": "2m" } }""",
            "'status.staleAfter': '2m' must be longer than status.interval ('10m'), or every heartbeat would look stale"
        },
        { """{ "dataDir": "data", "logging": { "level": "verbose" } }""", "'logging.level': 'verbose' is not one of Trace, Debug, Info, Warn, Error" },
        { """{ "dataDir": "data", "logging": { "level": 3 } }""", "'logging.level': 3 is not one of Trace, Debug, Info, Warn, Error" },
        { """{ "dataDir": "data", "logging": { "keepFiles": 0 } }""", "'logging.keepFiles': 0 is not a whole number from 1 to 365" },
        { """{ "dataDir": "data", "logging": { "keepFiles": 366 } }""", "'logging.keepFiles': 366 is not a whole number from 1 to 365" },
        { """{ "dataDir": "data", "logging": { "keepFiles": 1.5 } }""", "'logging.keepFiles': 1.5 is not a whole number from 1 to 365" },
        { """{ "dataDir": "data", "logging": { "keepFiles": "14" } }""", "'logging.keepFiles': '14' is not a whole number from 1 to 365" },
        {
            $$"""{ "dataDir": "data", "logging": { "level": "{{new string('x', 70)}}" } }""",
            $"'logging.level': '{new string('x', 56)}... is not one of Trace, Debug, Info, Warn, Error"
        },
    };

    [Theory]
    [MemberData(nameof(OneProblem))]
    public void A_config_with_one_problem_is_rejected_with_one_line_naming_the_file_and_key(string json, string expected)
    {
        var path = _dir.Write("config.json", json);
        AssertRejected(path, $"{path}: {expected}");
    }

    [Fact]
    public void Several_problems_are_all_listed_one_per_line_in_file_order()
    {
        var path = _dir.Write("config.json", """
            {
              "logging": { "level": "loud", "keepFiles": 0 },
              "status": { "interval": "0s", "intervall": "30s" },
              "extra": true
            }
            """);

        AssertRejected(path, string.Join('\n',
            $"{path}: 'dataDir': missing {DataDirExample}",
            $"{path}: 'logging.level': 'loud' is not one of Trace, Debug, Info, Warn, Error",
            $"{path}: 'logging.keepFiles': 0 is not a whole number from 1 to 365",
            $"{path}: 'status.interval': '0s' is not a duration above zero (e.g. \"30s\")",
            $"{path}: 'status.intervall': unknown key (expected one of: file, interval, staleAfter)",
            $"{path}: 'extra': unknown key {RootKeys}"));
    }

    [Fact]
    public void A_missing_comma_is_reported_with_the_line_and_column_of_the_next_key()
    {
        var path = _dir.Write("config.json", """
            {
              "dataDir": "data"
              "jobsFile": "jobs.xml"
            }
            """);

        AssertRejected(path, $"{path}: line 3, column 3: not valid JSON ('\"' is invalid after a value. Expected either ',', '}}', or ']')");
    }

    [Fact]
    public void A_truncated_file_is_reported_as_not_valid_json_at_its_end()
    {
        var path = _dir.Write("config.json", "{ \"dataDir\": \"data\", \"status\": { \"interval\": \"30s\"");

        AssertRejected(path, $"{path}: line 1, column 51: not valid JSON (Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed)");
    }

    [Fact]
    public void A_top_level_list_is_rejected_as_not_an_object()
    {
        var path = _dir.Write("config.json", """[ { "dataDir": "data" } ]""");

        AssertRejected(path, $"{path}: the top level is a list, expected an object {{ ... }}");
    }

    [Fact]
    public void A_jobs_file_that_does_not_exist_is_named_with_its_full_path()
    {
        var path = _dir.Write("config.json", """{ "dataDir": "data", "jobsFile": "schedules/jobs.xml" }""");

        AssertRejected(path, $"{path}: 'jobsFile': '{_dir.File("schedules/jobs.xml")}' does not exist (the schedules file; see jobs.xml in the repository)");
    }

    [Fact]
    public void Without_jobs_file_key_a_missing_jobs_xml_beside_the_config_is_reported()
    {
        using var empty = new TempDir();
        var path = empty.Write("config.json", """{ "dataDir": "data" }""");

        AssertRejected(path, $"{path}: 'jobsFile': '{empty.File("jobs.xml")}' does not exist (the schedules file; see jobs.xml in the repository)");
    }

    [Fact]
    public void A_config_path_that_does_not_exist_points_at_the_docs()
    {
        var path = _dir.File("nope.json");

        AssertRejected(path, $"{path}: no such file (see docs/configuration.md for a starting point)");
    }

    [Fact]
    public void A_config_path_in_a_folder_that_does_not_exist_says_the_folder_is_missing()
    {
        var path = _dir.File("nowhere/config.json");

        AssertRejected(path, $"{path}: no such file (its folder does not exist)");
    }

    [Fact]
    public void A_folder_given_as_the_config_path_is_named_as_a_folder()
    {
        var path = _dir.Path;

        AssertRejected(path, $"{path}: is a folder, expected the JSON config file");
    }

    private static void AssertRejected(string path, string expected)
    {
        var error = Assert.Throws<HecnetJobsException>(() => ConfigLoader.Load(path));
        Assert.Equal(expected, error.Message);
        Assert.Equal(78, error.ExitCode);
    }
}
