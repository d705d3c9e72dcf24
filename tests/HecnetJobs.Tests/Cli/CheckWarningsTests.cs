using HecnetJobs.Cli;
using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Cli;

/// <summary><c>check</c>'s warnings: a config that is valid but tells nobody anything.</summary>
public sealed class CheckWarningsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public CheckWarningsTests() => _dir.Write("jobs.xml", TestFiles.JobsXml(""));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_alert_channel_off_is_a_warning_naming_the_file()
    {
        var options = Load("""{ "dataDir": "data", "alerts": { "eml": { "enabled": false }, "ping": { "url": "http://127.0.0.1:9/ping" } } }""");

        Assert.Equal(
            [$"{options.ConfigFile}: warning: 'alerts': no channel delivers alerts (alerts.eml.enabled is false and there is no smtp or webhook section); they are recorded, and nobody is told"],
            CheckCommand.Warnings(options));
    }

    [Theory]
    [InlineData("""{ "dataDir": "data" }""")]
    [InlineData("""{ "dataDir": "data", "alerts": { "eml": { "enabled": false }, "webhook": { "url": "http://127.0.0.1:9/hook" } } }""")]
    public void A_config_with_a_delivering_channel_has_no_warning(string json) =>
        Assert.Empty(CheckCommand.Warnings(Load(json)));

    [Fact]
    public void Check_prints_the_warning_after_OK_and_still_exits_0()
    {
        var options = Load("""{ "dataDir": "data", "alerts": { "eml": { "enabled": false } } }""");
        var output = new StringWriter();

        CheckCommand.Report(output, options, new JobsXmlReader(JobCatalog.Types).ReadFile(options.JobsFile));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{options.ConfigFile}: OK", lines[0]);
        Assert.StartsWith($"{options.ConfigFile}: warning: 'alerts':", lines[^1]);
    }

    [Fact]
    public void A_name_refresh_job_without_a_names_file_to_write_is_a_warning_with_what_to_set()
    {
        _dir.Write("node.conf", "node 9.54 SAMPLE\napi /tmp/x.sock\n");
        _dir.Write("jobs.xml", TestFiles.JobsXml(TestFiles.Job("refresh", "name-refresh")));
        var options = Load($$"""{ "dataDir": "data", "pydecnet": { "command": "/bin/true", "arguments": ["{{_dir.File("node.conf")}}"] } }""");
        var schedule = new JobsXmlReader(JobCatalog.Types).ReadFile(options.JobsFile);

        Assert.Equal(
            [$"{options.ConfigFile}: warning: 'nameRefresh.namesFile': missing, and {_dir.File("node.conf")} include no names file; add 'node @nodenames.dat' to PyDECnet's config, or set nameRefresh.namesFile; until then jobs.xml's name-refresh job refresh fails"],
            CheckCommand.Warnings(options, schedule));
    }

    [Fact]
    public void A_names_file_included_by_pydecnet_s_config_is_no_warning()
    {
        _dir.Write("node.conf", "node 9.54 SAMPLE\nnode @nodenames.dat\napi /tmp/x.sock\n");
        _dir.Write("nodenames.dat", "1.13 MIM\n");
        _dir.Write("jobs.xml", TestFiles.JobsXml(TestFiles.Job("refresh", "name-refresh")));
        var options = Load($$"""{ "dataDir": "data", "pydecnet": { "command": "/bin/true", "arguments": ["{{_dir.File("node.conf")}}"] } }""");

        Assert.Empty(CheckCommand.Warnings(options, new JobsXmlReader(JobCatalog.Types).ReadFile(options.JobsFile)));
    }

    private HecnetJobsOptions Load(string json) => ConfigLoader.Load(_dir.Write("config.json", json));
}
