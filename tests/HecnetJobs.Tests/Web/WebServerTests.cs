using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using HecnetJobs.Alerts;
using HecnetJobs.Jobs;
using HecnetJobs.Status;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;
using HecnetJobs.Web;

namespace HecnetJobs.Tests.Web;

/// <summary>The status page's HTTP surface on a real Kestrel server: read-only methods, the pages, encoding, and the live feed.</summary>
public sealed partial class WebServerTests
{
    [Fact(Timeout = 60_000)]
    public async Task The_page_is_html_with_its_script_and_style_allowed_by_a_nonce_and_nothing_from_outside()
    {
        await using var rig = await WebRig.StartAsync(prepare: r => r.Pydecnet(PydecnetStates.Running, 4242));

        using var response = await rig.Client.GetAsync(rig.Url("/"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Nonce().Match(csp).Groups[1].Value;
        Assert.Contains($"<script nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<style nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch(OutsideAsset(), html);
        Assert.Contains("<h1>HECnet SAMPLE</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<span id=\"pydecnet-state\" class=\"badge b-ok\">running</span>", html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_value_from_the_history_is_shown_as_text_never_as_markup()
    {
        await using var rig = await WebRig.StartAsync(prepare: r => r.Pydecnet(PydecnetStates.Down, null, "<img src=x onerror=alert(1)> & gone"));

        var html = await rig.Client.GetStringAsync(rig.Url("/"));

        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; &amp; gone", html, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("POST", "/")]
    [InlineData("PUT", "/status.json")]
    [InlineData("DELETE", "/metrics")]
    [InlineData("PATCH", "/events")]
    [InlineData("OPTIONS", "/")]
    [InlineData("POST", "/trigger/watchdog")]
    public async Task Any_method_but_get_and_head_is_405_and_changes_nothing(string method, string path)
    {
        await using var rig = await WebRig.StartAsync(prepare: r => r.Pydecnet(PydecnetStates.Running, 4242));
        var rowsBefore = Rows(rig);

        using var request = new HttpRequestMessage(new HttpMethod(method), rig.Url(path)) { Content = new StringContent("job=watchdog") };
        using var response = await rig.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Equal("405 Method Not Allowed: this page is read-only\n", await response.Content.ReadAsStringAsync());
        Assert.Equal(rowsBefore, Rows(rig));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/")]
    [InlineData("/status.json")]
    [InlineData("/metrics")]
    public async Task Head_gets_the_headers_of_get_and_no_body(string path)
    {
        await using var rig = await WebRig.StartAsync();

        using var head = await rig.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, rig.Url(path)));
        var body = await head.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(body);
        Assert.True(head.Content.Headers.ContentLength > 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Status_json_is_the_heartbeat_files_document()
    {
        await using var rig = await WebRig.StartAsync(prepare: r => r.Pydecnet(PydecnetStates.Running, 4242));

        using var response = await rig.Client.GetAsync(rig.Url("/status.json"));
        var served = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(rig.Options.Status.File), served.TrimEnd('\n'));
        var copy = rig.Db.Dir.Write("served.json", served);
        var read = StatusFileReader.Read(copy);
        Assert.Equal((NagiosCodes.Ok, "running"), (read.Code, read.Document!.Pydecnet.State));
    }

    [Fact(Timeout = 60_000)]
    public async Task Metrics_are_the_prometheus_text_format_and_the_real_parser_reads_them()
    {
        await using var rig = await WebRig.StartAsync(prepare: r => r.Pydecnet(PydecnetStates.Running, 4242));

        using var response = await rig.Client.GetAsync(rig.Url("/metrics"));
        var families = await PrometheusParser.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(1, families.Single(f => f.Name == "hecnetjobs_pydecnet_up").Samples.Single().Number);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_path_is_404()
    {
        await using var rig = await WebRig.StartAsync();

        using var response = await rig.Client.GetAsync(rig.Url("/admin"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_live_feed_sends_the_state_at_once_and_a_restart_as_it_happens()
    {
        await using var rig = await WebRig.StartAsync(prepare: r => r.Pydecnet(PydecnetStates.Running, 4242));
        using var events = await EventStream.OpenAsync(rig.Client, rig.Url("/events"));

        var first = await events.NextEventAsync();
        rig.Pydecnet(PydecnetStates.Restarting, null, "crash: PID 4242 exited");
        var restarting = await events.NextEventWithAsync("<span id=\"pydecnet-state\" class=\"badge b-warn\">restarting</span>");
        rig.Pydecnet(PydecnetStates.Running, 4250);
        var running = await events.NextEventWithAsync("<dd id=\"pydecnet-pid\">4250</dd>");

        Assert.Contains(">running<", first, StringComparison.Ordinal);
        Assert.Contains("crash: PID 4242 exited", restarting, StringComparison.Ordinal);
        Assert.Contains(">running<", running, StringComparison.Ordinal);
        Assert.StartsWith("retry: 3000\n", events.Text, StringComparison.Ordinal);
        Assert.Equal("text/event-stream", events.ContentType);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_quiet_live_feed_gets_a_keep_alive_comment()
    {
        await using var rig = await WebRig.StartAsync(new WebOptions { Enabled = true, Listen = new IPEndPoint(IPAddress.Loopback, 0), KeepAlive = TimeSpan.FromMilliseconds(300) });
        using var events = await EventStream.OpenAsync(rig.Client, rig.Url("/events"));

        await events.NextEventAsync();
        await Poll.UntilAsync(() => events.Text.Contains("\n: keep-alive\n\n", StringComparison.Ordinal), "a keep-alive comment", () => events.Text);
    }

    [Fact(Timeout = 60_000)]
    public async Task Stopping_the_server_ends_an_open_live_feed()
    {
        var rig = await WebRig.StartAsync();
        using var events = await EventStream.OpenAsync(rig.Client, rig.Url("/events"));
        await events.NextEventAsync();

        await rig.DisposeAsync();

        await events.EndAsync();
        Assert.Equal(0, rig.Feed.Count);
        Assert.Contains("Information: Status page stopped", rig.Logs.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_address_in_use_is_logged_and_the_loop_ends_without_failing_the_daemon()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var rig = await WebRig.StartAsync(new WebOptions { Enabled = true, Listen = new IPEndPoint(IPAddress.Loopback, port) });
        await rig.Running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(rig.Server.Address);
        Assert.Contains($"Error: Status page could not listen on 127.0.0.1:{port}: ", rig.Logs.Text, StringComparison.Ordinal);
        Assert.Contains("HecnetJobs runs on without it", rig.Logs.Text, StringComparison.Ordinal);
    }

    private static long Rows(WebRig rig) => (long)rig.Db.Scalar(
        "SELECT (SELECT count(*) FROM hj_job_runs) + (SELECT count(*) FROM hj_events) + (SELECT count(*) FROM hj_trigger_requests) + (SELECT count(*) FROM hj_alerts);")!;

    [GeneratedRegex("script-src 'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideAsset();
}
