using HecnetJobs.Config;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Config;

/// <summary>Cases found in review: each asserts the exact line the user gets.</summary>
public sealed class ConfigLoaderFollowUpTests : IDisposable
{
    private readonly TempDir _dir = new();

    public ConfigLoaderFollowUpTests() => _dir.Write("jobs.xml", TestFiles.JobsXml(""));

    [Fact]
    public void An_empty_config_file_says_it_is_empty()
    {
        var path = _dir.Write("config.json", "  \n");

        Assert.Equal($"{path}: the file is empty, expected an object {{ \"dataDir\": ... }}", Rejected(path));
    }

    [Fact]
    public void A_key_written_twice_is_refused_instead_of_the_last_one_winning()
    {
        var path = _dir.Write("config.json", """{ "dataDir": "a", "dataDir": "b" }""");

        Assert.StartsWith($"{path}: line 1, column ", Rejected(path), StringComparison.Ordinal);
        Assert.Contains("dataDir", Rejected(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_stale_after_gives_one_error_not_a_second_about_the_default()
    {
        var path = _dir.Write("config.json", """{ "dataDir": "d", "status": { "interval": "10m", "staleAfter": "ten minutes" } }""");

        Assert.Equal(
            $"{path}: 'status.staleAfter': 'ten minutes' is not a duration (e.g. \"5m\"; units ms, s, m, h, d)",
            Rejected(path));
    }

    [Fact]
    public void Fractional_hours_parse_to_the_exact_minute()
    {
        Assert.True(Duration.TryParse("1.15h", out var value));

        Assert.Equal(TimeSpan.FromMinutes(69), value);
        Assert.Equal("1h9m", Duration.Format(value));
    }

    private static string Rejected(string path)
    {
        var error = Assert.Throws<HecnetJobsException>(() => ConfigLoader.Load(path));
        Assert.Equal(ExitCodes.Config, error.ExitCode);
        return error.Message;
    }

    public void Dispose() => _dir.Dispose();
}
