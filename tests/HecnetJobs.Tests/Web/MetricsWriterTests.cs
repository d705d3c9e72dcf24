using System.Text.RegularExpressions;
using HecnetJobs.Status;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;
using HecnetJobs.Web;

namespace HecnetJobs.Tests.Web;

/// <summary>
/// <c>/metrics</c> text: read back by a real Prometheus parser (Debian's python3-prometheus-client) and checked line by
/// line against the exposition format.
/// </summary>
public sealed partial class MetricsWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 60_000)]
    public async Task The_real_parser_reads_every_family_with_its_type_and_the_values_of_the_snapshot()
    {
        var families = (await PrometheusParser.ParseAsync(MetricsWriter.Write(Snapshot()))).ToDictionary(f => f.Name);

        Assert.Equal("gauge", families["hecnetjobs_pydecnet_up"].Type);
        Assert.Equal(1, Value(families, "hecnetjobs_pydecnet_up"));
        Assert.Equal("counter", families["hecnetjobs_pydecnet_restarts"].Type);
        Assert.Equal(3, Value(families, "hecnetjobs_pydecnet_restarts"));
        Assert.Equal(1, Value(families, "hecnetjobs_pydecnet_state", ("state", "running")));
        Assert.Equal(0, Value(families, "hecnetjobs_pydecnet_state", ("state", "restarting")));
        Assert.Equal(1, Value(families, "hecnetjobs_link_up", ("target", "MIM")));
        Assert.Equal(0, Value(families, "hecnetjobs_link_up", ("target", "1.2")));
        Assert.Equal(1, Value(families, "hecnetjobs_link_state", ("target", "1.2"), ("state", "down")));
        Assert.Equal(0.35, Value(families, "hecnetjobs_link_check_duration_seconds", ("target", "MIM")));
        Assert.Equal(2, Value(families, "hecnetjobs_outbox_pending"));
        Assert.Equal(90, Value(families, "hecnetjobs_outbox_oldest_age_seconds"));
        Assert.Equal(1, Value(families, "hecnetjobs_alert_channel_failing", ("channel", "smtp")));
        Assert.Equal(40, Value(families, "hecnetjobs_job_runs", ("job", "watchdog"), ("outcome", "success")));
        Assert.Equal(2, Value(families, "hecnetjobs_job_runs", ("job", "watchdog"), ("outcome", "failure")));
        Assert.Equal(2, Value(families, "hecnetjobs_state"));
        Assert.Equal(Now.ToUnixTimeSeconds(), Value(families, "hecnetjobs_status_updated_timestamp_seconds"));
        Assert.Equal(0, Value(families, "hecnetjobs_job_last_success", ("job", "name-refresh")));
        Assert.Equal(12.5, Value(families, "hecnetjobs_job_last_duration_seconds", ("job", "name-refresh")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Label_values_with_quotes_backslashes_and_line_feeds_come_back_exactly()
    {
        const string job = "odd \"job\" \\ name\nsecond line";
        const string node = "NODE \"1\"";
        var snapshot = Snapshot(job: job) with { NodeName = node };

        var families = await PrometheusParser.ParseAsync(MetricsWriter.Write(snapshot));

        var runs = families.Single(f => f.Name == "hecnetjobs_job_runs").Samples;
        Assert.Contains(runs, s => s.Labels["job"] == job);
        Assert.Equal(node, families.Single(f => f.Name == "hecnetjobs_info").Samples.Single().Labels["node"]);
    }

    [Fact]
    public void Every_line_is_a_help_a_type_or_a_sample_of_the_family_announced_just_before()
    {
        var text = MetricsWriter.Write(Snapshot(job: "odd \"job\"\n"));
        string? family = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (HelpLine().Match(line) is { Success: true } help)
            {
                family = help.Groups["name"].Value;
                Assert.True(seen.Add(family), $"family {family} announced twice");
                Assert.StartsWith("hecnetjobs_", family, StringComparison.Ordinal);
                continue;
            }
            if (TypeLine().Match(line) is { Success: true } type)
            {
                Assert.Equal(family, type.Groups["name"].Value);
                Assert.True(type.Groups["type"].Value != "counter" || family!.EndsWith("_total", StringComparison.Ordinal), $"counter {family} must end in _total");
                continue;
            }
            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"not a sample line: {line}");
            Assert.Equal(family, sample.Groups["name"].Value);
        }
        Assert.Equal(text.Split('\n').Count(l => l.StartsWith("# HELP ", StringComparison.Ordinal)), text.Split('\n').Count(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_series_appears_once()
    {
        var samples = MetricsWriter.Write(Snapshot()).Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l[..l.LastIndexOf(' ')]).ToList();

        Assert.Equal(samples.Count, samples.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_stopped_pydecnet_is_down_and_has_no_memory_or_up_since_series()
    {
        var snapshot = Snapshot();
        snapshot.Status.Pydecnet = new PydecnetStatus { State = "restarting", Since = Now };

        var text = MetricsWriter.Write(snapshot);

        Assert.Contains("\nhecnetjobs_pydecnet_up 0\n", text, StringComparison.Ordinal);
        Assert.Contains("\nhecnetjobs_pydecnet_state{state=\"restarting\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hecnetjobs_pydecnet_resident_memory_bytes", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hecnetjobs_pydecnet_up_since_seconds", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.1, "0.1")]
    [InlineData(1795435200.5, "1795435200.5")]
    [InlineData(-3, "-3")]
    public void Numbers_are_written_as_the_format_spells_them(double value, string expected)
    {
        Assert.Equal(expected, MetricsWriter.Number(value));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("\\\"\n", "\\\\\\\"\\n")]
    public void Label_values_escape_backslash_quote_and_line_feed(string value, string expected)
    {
        Assert.Equal(expected, MetricsWriter.EscapeLabel(value));
    }

    private static double Value(Dictionary<string, PrometheusParser.Family> families, string name, params (string Name, string Value)[] labels)
    {
        var family = families[name];
        var matches = family.Samples.Where(s => labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        Assert.True(matches.Count == 1, $"{name}{{{string.Join(",", labels.Select(l => $"{l.Name}={l.Value}"))}}}: {matches.Count} samples");
        return matches[0].Number;
    }

    private static MetricsSnapshot Snapshot(string job = "watchdog")
    {
        var status = new StatusDocument
        {
            UpdatedAt = Now,
            State = StatusStates.Critical,
            Problems = ["link 1.2 down since 2026-11-23 11:00"],
            Daemon = new DaemonStatus { Pid = 4242, Version = "0.1.0", StartedAt = Now.AddHours(-5), Mode = "daemon" },
            Pydecnet = new PydecnetStatus { State = "running", Pid = 4300, Since = Now.AddHours(-1), Restarts24h = 3, RssBytes = 22_000_000 },
            Links =
            {
                ["MIM"] = new LinkStatus { State = "up", Since = Now.AddHours(-2) },
                ["1.2"] = new LinkStatus { State = "down", Since = Now.AddHours(-1) },
            },
            Outbox = new OutboxStatus
            {
                Queued = 2,
                OldestQueuedAt = Now.AddSeconds(-90),
                OldestQueuedAgeSeconds = 90,
                Channels = { ["eml"] = new OutboxChannelStatus(), ["smtp"] = new OutboxChannelStatus { Queued = 2, FailingSince = Now.AddMinutes(-5) } },
            },
            Jobs =
            {
                [job] = new JobStatus { Type = "watchdog", LastRun = Now.AddMinutes(-1), Result = "success", DurationMs = 20 },
                ["name-refresh"] = new JobStatus { Type = "name-refresh", LastRun = Now.AddHours(-3), Result = "failure", DurationMs = 12_500 },
                ["daily-digest"] = new JobStatus { Type = "daily-digest" },
            },
        };
        var counters = new CounterReading(3, 0, [(job, "failure", 2), (job, "success", 40), ("name-refresh", "failure", 1)], [("1.2", "down", 30), ("MIM", "up", 150)]);
        LinkCheck Check(string target, long ms) => new(Now.AddSeconds(-30), "link-probe", target, "up", "reachable", "", 0, ms);
        return new MetricsSnapshot(status, counters, [Check("1.2", 5000), Check("MIM", 350), Check("GONE", 10)], "SAMPLE");
    }

    [GeneratedRegex(@"^# HELP (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) \S.*$")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\[\\"n]|[^\\"\n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\[\\"n]|[^\\"\n])*")*\})? (NaN|[+-]Inf|-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?)$""")]
    private static partial Regex SampleLine();
}
