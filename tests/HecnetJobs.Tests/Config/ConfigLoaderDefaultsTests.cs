using HecnetJobs.Config;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Config;

/// <summary>Valid config files: defaults, paths taken from the config file's folder, and the JSON leniencies people rely on.</summary>
public sealed class ConfigLoaderDefaultsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public ConfigLoaderDefaultsTests() => _dir.Write("jobs.xml", TestFiles.JobsXml(""));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_config_with_only_data_dir_takes_every_path_from_the_config_folder()
    {
        var path = _dir.Write("config.json", """{ "dataDir": "data" }""");

        var options = ConfigLoader.Load(path);

        Assert.Equal(path, options.ConfigFile);
        Assert.Equal(_dir.File("data"), options.DataDir);
        Assert.Equal(_dir.File("jobs.xml"), options.JobsFile);
        Assert.Equal(_dir.File("data/status.json"), options.Status.File);
        Assert.Equal(_dir.File("data/logs"), options.Logging.Dir);
        Assert.Equal(_dir.File("data/hecnetjobs.db"), options.DatabaseFile);
        Assert.Equal(_dir.File("data/hecnetjobs.lock"), options.LockFile);
    }

    [Fact]
    public void A_config_with_only_data_dir_gets_the_documented_default_settings()
    {
        var path = _dir.Write("config.json", """{ "dataDir": "data" }""");

        var options = ConfigLoader.Load(path);

        Assert.Equal("Info", options.Logging.Level);
        Assert.Equal(14, options.Logging.KeepFiles);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Status.Interval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Status.StaleAfter);
        Assert.Equal(TimeSpan.FromDays(30), options.Housekeeping.Retention);
    }

    [Fact]
    public void The_config_folder_is_found_from_a_relative_config_path()
    {
        _dir.Write("etc/jobs.xml", TestFiles.JobsXml(""));
        _dir.Write("etc/config.json", """{ "dataDir": "../state" }""");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _dir.File("etc/config.json"));

        var options = ConfigLoader.Load(relative);

        Assert.Equal(relative, options.ConfigFile);
        Assert.Equal(_dir.File("state"), options.DataDir);
        Assert.Equal(_dir.File("etc/jobs.xml"), options.JobsFile);
    }

    [Fact]
    public void Relative_paths_in_sections_are_taken_from_the_config_folder_not_from_data_dir()
    {
        _dir.Write("schedules.xml", TestFiles.JobsXml(""));
        var path = _dir.Write("config.json", """
            {
              "dataDir": "/var/lib/hecnetjobs",
              "jobsFile": "schedules.xml",
              "logging": { "dir": "logs" },
              "status": { "file": "run/status.json" }
            }
            """);

        var options = ConfigLoader.Load(path);

        Assert.Equal("/var/lib/hecnetjobs", options.DataDir);
        Assert.Equal(_dir.File("schedules.xml"), options.JobsFile);
        Assert.Equal(_dir.File("logs"), options.Logging.Dir);
        Assert.Equal(_dir.File("run/status.json"), options.Status.File);
    }

    [Fact]
    public void Every_setting_given_is_read_as_written()
    {
        var path = _dir.Write("config.json", """
            {
              "dataDir": "data",
              "logging": { "level": "Warn", "keepFiles": 365 },
              "status": { "interval": "1m30s", "staleAfter": "1.5h" },
              "housekeeping": { "retention": "3650d" }
            }
            """);

        var options = ConfigLoader.Load(path);

        Assert.Equal("Warn", options.Logging.Level);
        Assert.Equal(365, options.Logging.KeepFiles);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Status.Interval);
        Assert.Equal(TimeSpan.FromMinutes(90), options.Status.StaleAfter);
        Assert.Equal(TimeSpan.FromDays(3650), options.Housekeeping.Retention);
    }

    [Fact]
    public void The_log_level_is_matched_without_regard_to_case_and_kept_in_its_documented_spelling()
    {
        var path = _dir.Write("config.json", """{ "dataDir": "data", "logging": { "level": "dEBUG" } }""");

        Assert.Equal("Debug", ConfigLoader.Load(path).Logging.Level);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_accepted()
    {
        var path = _dir.Write("config.json", """
            // HecnetJobs on this host
            {
              /* where the database and the heartbeat live */
              "dataDir": "data", // relative to this file
              "logging": { "level": "Trace", },
            }
            """);

        var options = ConfigLoader.Load(path);

        Assert.Equal(_dir.File("data"), options.DataDir);
        Assert.Equal("Trace", options.Logging.Level);
    }

    [Fact]
    public void A_key_set_to_null_takes_its_default()
    {
        var path = _dir.Write("config.json", """{ "dataDir": "data", "status": { "interval": null }, "housekeeping": null }""");

        var options = ConfigLoader.Load(path);

        Assert.Equal(TimeSpan.FromSeconds(30), options.Status.Interval);
        Assert.Equal(TimeSpan.FromDays(30), options.Housekeeping.Retention);
    }
}
