using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Web;

/// <summary>The status page and the metrics textfile inside the real daemon: off by default, on when configured, and never leaking the token.</summary>
[SupportedOSPlatform("linux")]
public sealed partial class WebDaemonTests : IDisposable
{
    private const string Token = "daemon-token-0123456789abcdef";
    private static readonly string Schedule = TestFiles.Job("housekeeping", "housekeeping");

    private static readonly string[] TcpTables = ["tcp", "tcp6"];

    private readonly List<DaemonFixture> _fixtures = [];

    public void Dispose()
    {
        foreach (var fixture in _fixtures)
            fixture.Dispose();
    }

    [Fact(Timeout = 90_000)]
    public async Task Without_web_enabled_the_daemon_listens_on_no_port_and_never_loads_kestrel()
    {
        var fixture = Fixture(null);
        using var daemon = await fixture.StartDaemonAsync();
        await Poll.UntilAsync(() => File.Exists(fixture.StatusFile), "the first heartbeat", () => daemon.Stderr);

        Assert.Empty(ListeningPorts(daemon.Pid));
        // Microsoft.Extensions.* come from the ASP.NET shared framework's folder too; Kestrel's own assemblies must not be mapped.
        Assert.DoesNotMatch(AspNetCoreAssembly(), File.ReadAllText($"/proc/{daemon.Pid}/maps"));
        Assert.DoesNotContain("Status page", daemon.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task With_web_enabled_the_daemon_serves_the_heartbeat_behind_its_token_and_logs_neither_token()
    {
        var fixture = Fixture($$"""
            "web": { "enabled": true, "listen": "127.0.0.1:0", "token": "{{Token}}" }
            """);
        using var daemon = await fixture.StartDaemonAsync();
        await daemon.WaitForLogAsync("Status page listening on ");
        var url = new Uri(Listening().Match(daemon.Stderr).Groups[1].Value);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var refused = await client.GetAsync(new Uri(url, "/status.json?token=not-the-token-0123456789"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/status.json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var served = await client.SendAsync(request);
        var json = await served.Content.ReadAsStringAsync();
        using var page = await client.GetAsync(new Uri(url, $"/?token={Token}"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains($"\"pid\": {daemon.Pid}", json, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal([url.Port], ListeningPorts(daemon.Pid));
        Assert.Matches(AspNetCoreAssembly(), File.ReadAllText($"/proc/{daemon.Pid}/maps"));
        daemon.Signal(Signals.SIGTERM);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var logFile = Directory.GetFiles(Path.Combine(fixture.DataDir, "logs")).Select(File.ReadAllText);
        foreach (var log in logFile.Append(daemon.Stderr).Append(daemon.Stdout))
        {
            Assert.DoesNotContain(Token, log, StringComparison.Ordinal);
            Assert.DoesNotContain("not-the-token", log, StringComparison.Ordinal);
        }
        Assert.Equal(0, daemon.ExitCode);
    }

    [Fact(Timeout = 90_000)]
    public async Task The_textfile_is_written_for_node_exporter_readable_by_all_and_parsed_by_the_real_parser()
    {
        var fixture = Fixture("""
            "metrics": { "textfile": "textfiles/hecnetjobs.prom" }
            """);
        Directory.CreateDirectory(fixture.Dir.File("textfiles"));
        var file = fixture.Dir.File("textfiles/hecnetjobs.prom");
        using var daemon = await fixture.StartDaemonAsync();
        await Poll.UntilAsync(() => File.Exists(file), "the first textfile", () => daemon.Stderr);

        var trigger = await fixture.RunAsync("trigger", "housekeeping", "--wait");
        Assert.True(trigger.ExitCode == 0, trigger.Stderr);
        await Poll.UntilAsync(() => File.ReadAllText(file).Contains("hecnetjobs_job_runs_total{job=\"housekeeping\",outcome=\"success\"} 1\n", StringComparison.Ordinal),
            "the textfile with the housekeeping run", () => File.ReadAllText(file) + daemon.Stderr);
        var families = await PrometheusParser.ParseAsync(await File.ReadAllTextAsync(file));

        var runs = families.Single(f => f.Name == "hecnetjobs_job_runs").Samples;
        Assert.Equal(1, runs.Single(s => s.Labels["job"] == "housekeeping" && s.Name == "hecnetjobs_job_runs_total").Number);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(file));
        Assert.Equal(["hecnetjobs.prom"], Directory.GetFiles(fixture.Dir.File("textfiles")).Select(Path.GetFileName));
        Assert.Empty(ListeningPorts(daemon.Pid));
    }

    [Fact(Timeout = 90_000)]
    public async Task The_daemon_refuses_to_start_a_page_open_to_the_network_without_a_token()
    {
        var fixture = Fixture("""
            "web": { "enabled": true, "listen": "0.0.0.0:8270" }
            """);

        var run = await fixture.RunAsync("run");

        Assert.Equal(78, run.ExitCode);
        Assert.Contains($"{fixture.ConfigFile}: 'web.listen': '0.0.0.0:8270' is not a loopback address, so the page needs web.token (or $HECNETJOBS_WEB_TOKEN) or web.user and web.password; or listen on \"127.0.0.1:8270\"", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A daemon folder whose config has <paramref name="section"/> (one <c>"key": { ... }</c>) beside the test defaults.</summary>
    private DaemonFixture Fixture(string? section)
    {
        var fixture = new DaemonFixture(Schedule, section is null ? "" : ",\n  " + section);
        _fixtures.Add(fixture);
        return fixture;
    }

    /// <summary>The TCP ports the process listens on: its socket inodes (/proc/PID/fd) matched with the LISTEN rows of /proc/PID/net/tcp and tcp6.</summary>
    private static List<int> ListeningPorts(int pid)
    {
        var inodes = new DirectoryInfo($"/proc/{pid}/fd").GetFiles()
            .Select(f => f.LinkTarget)
            .Where(t => t?.StartsWith("socket:[", StringComparison.Ordinal) == true)
            .Select(t => t![8..^1])
            .ToHashSet(StringComparer.Ordinal);
        return TcpTables
            .SelectMany(table => File.ReadAllLines($"/proc/{pid}/net/{table}").Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[3] == "0A" && inodes.Contains(f[9]))
            .Select(f => int.Parse(f[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .Order()
            .ToList();
    }

    [GeneratedRegex(@"/Microsoft\.AspNetCore\.[^/\n]*\.dll")]
    private static partial Regex AspNetCoreAssembly();

    [GeneratedRegex(@"Status page listening on (http://127\.0\.0\.1:[0-9]+/)")]
    private static partial Regex Listening();
}
