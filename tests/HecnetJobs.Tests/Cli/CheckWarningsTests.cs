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

    private HecnetJobsOptions Load(string json) => ConfigLoader.Load(_dir.Write("config.json", json));
}
