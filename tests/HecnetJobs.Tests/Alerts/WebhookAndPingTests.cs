using System.Collections.Concurrent;
using System.Text.Json;
using HecnetJobs.Alerts;
using HecnetJobs.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace HecnetJobs.Tests.Alerts;

/// <summary>The webhook channel and the dead man's switch against a real Kestrel server on loopback.</summary>
public sealed class WebhookAndPingTests : IDisposable
{
    private const string SigningSecret = "webhook-secret-5c1d";

    private readonly OutboxHarness _h = new();
    private readonly ConcurrentQueue<(string Path, string? Signature, byte[] Body)> _requests = new();

    public void Dispose() => _h.Dispose();

    private static WebhookOptions Webhook(TestWebServer server, TimeSpan? timeout = null) => new()
    {
        Url = new Uri(server.BaseUrl, "/hooks/T0KEN-in-the-path"),
        Secret = new Secret(SigningSecret),
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    /// <summary>Records each request, then answers with <paramref name="status"/>.</summary>
    private Func<HttpContext, Task> Answer(int status, string body = "") => async context =>
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        _requests.Enqueue((context.Request.Path.Value!, context.Request.Headers[WebhookChannel.SignatureHeader].FirstOrDefault(), buffer.ToArray()));
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(body);
    };

    [Fact(Timeout = 60_000)]
    public async Task The_webhook_gets_the_documented_json_with_a_signature_that_verifies()
    {
        await using var server = await TestWebServer.StartAsync();
        server.Handler = Answer(200);
        _h.Raise("PyDECnet down: start failed (exited)", AlertSeverity.Critical, body: "PyDECnet could not be started.");

        Assert.Equal(1, await _h.Outbox(OutboxHarness.Options(webhook: Webhook(server))).DeliverDueAsync(CancellationToken.None));

        var (path, signature, body) = Assert.Single(_requests);
        Assert.Equal("/hooks/T0KEN-in-the-path", path);
        Assert.Equal(WebhookChannel.Signature(SigningSecret, body), signature);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("webhook-secret-5c1d"u8, body)), signature);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(
            ["messageId", "node", "severity", "createdAt", "subject", "text", "title", "message", "priority", "alerts"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[HECnet SAMPLE] PyDECnet down: start failed (exited) 03:12", root.GetProperty("subject").GetString());
        Assert.Equal("critical", root.GetProperty("severity").GetString());
        Assert.Equal(8, root.GetProperty("priority").GetInt32());
        var alert = Assert.Single(root.GetProperty("alerts").EnumerateArray().ToList());
        Assert.Equal(1, alert.GetProperty("id").GetInt64());
        Assert.Equal("PyDECnet could not be started.", alert.GetProperty("body").GetString());
        Assert.Equal(OutboxHarness.Start, alert.GetProperty("raisedAt").GetDateTimeOffset());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_webhook_answering_500_is_retried_after_the_back_off_and_the_error_hides_the_url_path()
    {
        await using var server = await TestWebServer.StartAsync();
        server.Handler = Answer(500, "database is locked");
        var outbox = _h.Outbox(OutboxHarness.Options(webhook: Webhook(server)));
        _h.Raise("link MIM down", source: "link-probe");

        await outbox.DeliverDueAsync(CancellationToken.None);
        Assert.Equal($"queued|{server.BaseUrl.Scheme}://127.0.0.1:{server.BaseUrl.Port} answered HTTP 500 Internal Server Error: database is locked",
            _h.Scalar("SELECT state || '|' || last_error FROM hj_deliveries;"));

        server.Handler = Answer(200);
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await outbox.DeliverDueAsync(CancellationToken.None));

        Assert.Equal(2, _requests.Count);
        Assert.Equal("sent", _h.Scalar("SELECT state FROM hj_deliveries;"));
        Assert.DoesNotContain("T0KEN", _h.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(SigningSecret, _h.Logs.Text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_webhook_that_does_not_answer_in_time_is_retried()
    {
        await using var server = await TestWebServer.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Handler = async context => await release.Task.WaitAsync(context.RequestAborted);
        var outbox = _h.Outbox(OutboxHarness.Options(webhook: Webhook(server, TimeSpan.FromSeconds(2))));
        _h.Raise("link MIM down", source: "link-probe");

        await outbox.DeliverDueAsync(CancellationToken.None);
        Assert.Equal($"no answer from http://127.0.0.1:{server.BaseUrl.Port} within 2s", _h.Scalar("SELECT last_error FROM hj_deliveries;"));

        release.SetResult();
        server.Handler = Answer(204);
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await outbox.DeliverDueAsync(CancellationToken.None));
        Assert.Single(_requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_dead_mans_switch_pings_start_success_and_fail_urls_and_records_a_failure_for_the_status_file()
    {
        await using var server = await TestWebServer.StartAsync();
        server.Handler = Answer(200);
        var ping = new DeadMansSwitch(new PingOptions { Url = new Uri(server.BaseUrl, "/ping/abc-123"), Start = true }, _h.Store, _h.Time, _h.Logs.CreateLogger("test"));

        await ping.StartAsync(CancellationToken.None);
        await ping.FinishAsync(succeeded: true, CancellationToken.None);
        await ping.FinishAsync(succeeded: false, CancellationToken.None);
        server.Handler = Answer(404, "not found");
        await ping.FinishAsync(succeeded: true, CancellationToken.None);

        Assert.Equal(["/ping/abc-123/start", "/ping/abc-123", "/ping/abc-123/fail", "/ping/abc-123"], _requests.Select(r => r.Path));
        var channel = Assert.Single(_h.Store.Channels());
        Assert.Equal("ping", channel.Name);
        Assert.Equal($"http://127.0.0.1:{server.BaseUrl.Port} answered HTTP 404 Not Found: not found", channel.LastError);
        Assert.Equal(OutboxHarness.Start, channel.FailingSince);
        Assert.Equal(OutboxHarness.Start, channel.LastSentAt);
    }
}
