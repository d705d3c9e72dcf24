using System.Text;
using HecnetJobs.Jobs;
using Microsoft.AspNetCore.Http;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The name refresh against a real Kestrel server on loopback: good lists, conditional GETs, retries, timeouts, file URLs.</summary>
public sealed class NameRefreshDownloadTests : IAsyncLifetime, IDisposable
{
    private readonly NameRefreshRig _rig = new();
    private NameRefreshListServer _server = null!;

    public async Task InitializeAsync() => _server = await NameRefreshListServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _rig.Dispose();

    private const string NotRestarted = "; PyDECnet not restarted (nameRefresh.restart is \"off\"): it reads the new names at its next start";

    private string Kept(int entries = 1) => $"kept {_rig.NamesFile} ({(entries == 1 ? "1 entry" : $"{entries} entries")})";

    [Fact(Timeout = 30_000)]
    public async Task A_good_list_replaces_the_names_file_and_records_what_was_added()
    {
        _server.Handler = (c, _) => NameRefreshListServer.Serve(c, NameRefreshRig.NodenamesDat, etag: "\"v1\"");

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Success($"1228 added; wrote {_rig.NamesFile} (1229 entries){NotRestarted}"), outcome);
        Assert.Equal(NameRefreshRig.NodenamesDat, _rig.NamesText);
        Assert.Equal("1.13 MIM\n", File.ReadAllText(_rig.NamesFile + ".bak"));
        var changed = Assert.Single(_rig.Events(NameRefreshEvents.Changed));
        Assert.StartsWith("1228 added\nadded: 1.1 MAGICA, 1.2 ERNIE, 1.3 FNATTE,", changed.Detail);
        Assert.EndsWith(", ... and 1178 more", changed.Detail);
        var state = _rig.State!;
        Assert.Equal((_server.Url.ToString(), 1229, 1228, 0, 0, "\"v1\"", (string?)null), (state.Source, state.Entries, state.Added, state.Removed, state.Renamed, state.Validators!.ETag, state.Refused));
        Assert.Empty(_rig.Alerts());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unchanged_list_answered_with_304_leaves_the_file_alone_and_says_no_change()
    {
        _server.Handler = (c, _) => c.Request.Headers.IfNoneMatch == "\"v1\""
            ? Status(c, StatusCodes.Status304NotModified)
            : NameRefreshListServer.Serve(c, NameRefreshRig.NodenamesDat, etag: "\"v1\"", lastModified: "Sun, 01 Nov 2026 10:00:00 GMT");
        await _rig.RunAsync(_server.Url);
        var written = File.GetLastWriteTimeUtc(_rig.NamesFile);

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Success($"no change (HTTP 304 Not Modified): {_rig.NamesFile} holds 1229 entries"), outcome);
        Assert.Equal(("\"v1\"", "Sun, 01 Nov 2026 10:00:00 GMT"), (_server.Requests[1].IfNoneMatch, _server.Requests[1].IfModifiedSince));
        Assert.Equal(written, File.GetLastWriteTimeUtc(_rig.NamesFile));
        Assert.Equal($"no change: {_server.Url} answered 304 Not Modified", _rig.Events(NameRefreshEvents.Unchanged).Single().Detail);
        Assert.Equal((1229, 0, 0, 0), (_rig.State!.Entries, _rig.State.Added, _rig.State.Removed, _rig.State.Renamed));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_new_etag_with_a_changed_list_is_written_and_its_etag_sent_next_time()
    {
        var current = NameRefreshRig.NodenamesDat;
        _server.Handler = (c, _) => NameRefreshListServer.Serve(c, current, etag: current.Contains("ERNIE", StringComparison.Ordinal) ? "\"v1\"" : "\"v2\"");
        await _rig.RunAsync(_server.Url);
        current = current.Replace("1.2 ERNIE", "1.2 BERT", StringComparison.Ordinal);

        var outcome = await _rig.RunAsync(_server.Url);
        var state = _rig.State!;
        await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Success($"1 renamed (1.2 ERNIE -> BERT); wrote {_rig.NamesFile} (1229 entries){NotRestarted}"), outcome);
        Assert.Equal(["", "\"v1\"", "\"v2\""], _server.Requests.Select(r => r.IfNoneMatch));
        Assert.Contains("1.2 BERT\n", _rig.NamesText, StringComparison.Ordinal);
        Assert.Equal((0, 0, 1), (state.Added, state.Removed, state.Renamed));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_conditional_get_is_not_sent_when_someone_else_changed_the_names_file()
    {
        _server.Handler = (c, _) => NameRefreshListServer.Serve(c, NameRefreshRig.NodenamesDat, etag: "\"v1\"");
        await _rig.RunAsync(_server.Url);
        File.AppendAllText(_rig.NamesFile, "1.1000 EXTRA\n");

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal("", _server.Requests[1].IfNoneMatch);
        Assert.Equal(JobOutcome.Success($"1 removed; wrote {_rig.NamesFile} (1229 entries){NotRestarted}"), outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_500_then_a_good_list_succeeds_on_the_retry()
    {
        _server.Handler = (c, n) => n == 1 ? Status(c, 500) : NameRefreshListServer.Serve(c, NameRefreshRig.NodenamesDat);

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Success($"1228 added; wrote {_rig.NamesFile} (1229 entries) (after 2 attempts){NotRestarted}"), outcome);
        var detail = _rig.Events(NameRefreshEvents.Changed).Single().Detail.Split('\n');
        Assert.Matches(@"^attempt 1: HTTP 500 Internal Server Error; retried after \d+ms$", detail[^1]);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_keeps_failing_leaves_the_file_after_every_retry()
    {
        _server.Handler = (c, _) => Status(c, 503);

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Failure($"node list not downloaded: {_server.Host}: the server answered HTTP 503 Service Unavailable (3 attempts); {Kept()}"), outcome);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal("1.13 MIM\n", _rig.NamesText);
        Assert.Empty(_rig.Alerts());
        Assert.Single(_rig.Events(NameRefreshEvents.DownloadFailed));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_404_is_not_retried_and_points_at_the_url()
    {
        _server.Handler = (c, _) => Status(c, 404);

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Failure($"node list not downloaded: {_server.Host}: the server answered HTTP 404 Not Found (1 attempt); check nameRefresh.url; {Kept()}"), outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_cannot_be_reached_is_tried_again_and_reported_by_host()
    {
        var url = _server.Url;
        await _server.DisposeAsync();
        _server = await NameRefreshListServer.StartAsync();

        var outcome = await _rig.RunAsync(url);

        Assert.False(outcome.Succeeded);
        Assert.Matches($@"^node list not downloaded: {url.Host}:{url.Port}: cannot connect \(.+\) \(3 attempts\); kept .+names\.dat \(1 entry\)$", outcome.Summary);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_429_with_a_long_retry_after_waits_no_longer_than_retry_delay_max()
    {
        _rig.Names = new() { Timeout = TimeSpan.FromSeconds(5), Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(1), RetryDelayMax = TimeSpan.FromMilliseconds(50), Restart = NamesRestartMode.Off };
        _server.Handler = (c, n) =>
        {
            if (n > 1)
                return NameRefreshListServer.Serve(c, NameRefreshRig.NodenamesDat);
            c.Response.Headers.RetryAfter = "3600";
            return Status(c, 429);
        };

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Equal("attempt 1: HTTP 429 Too Many Requests, Retry-After 1h; retried after 50ms", _rig.Events(NameRefreshEvents.Changed).Single().Detail.Split('\n')[^1]);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_trickle_slower_than_the_timeout_is_abandoned_and_the_file_kept()
    {
        _rig.Names = new() { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(1), Restart = NamesRestartMode.Off };
        _server.Handler = async (c, _) =>
        {
            c.Response.ContentType = "text/plain";
            for (var i = 1; i < 100 && !c.RequestAborted.IsCancellationRequested; i++)
            {
                await c.Response.WriteAsync($"1.{i} N{i}\n", c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await Task.Delay(50, c.RequestAborted);
            }
        };

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Failure($"node list not downloaded: {_server.Host}: no complete answer within 300ms (nameRefresh.timeout) (2 attempts); {Kept()}"), outcome);
        Assert.Equal("1.13 MIM\n", _rig.NamesText);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_ncp_listing_format_of_mim_is_read_and_written_as_names_file_lines()
    {
        var listing = File.ReadAllText(Support.RepoPaths.Sample("hecnet-daemon", "synthetic-hecnod-input.txt"));
        _server.Handler = (c, _) => NameRefreshListServer.Serve(c, listing.ReplaceLineEndings("\r\n"));

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Contains("1.13 MIM\n", _rig.NamesText, StringComparison.Ordinal);
        Assert.DoesNotContain("(", _rig.NamesText, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_url_works_offline()
    {
        var list = _rig.Dir.Write("offline/hecnod.txt", NameRefreshRig.NodenamesDat);

        var outcome = await _rig.RunAsync(new Uri(list));

        Assert.Equal(JobOutcome.Success($"1228 added; wrote {_rig.NamesFile} (1229 entries){NotRestarted}"), outcome);
        Assert.Empty(_server.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_missing_file_url_is_a_download_failure_naming_the_path()
    {
        var path = _rig.Dir.File("nope.txt");

        var outcome = await _rig.RunAsync(new Uri(path));

        Assert.Equal(JobOutcome.Failure($"node list not downloaded: {path}: cannot read the node list: no such file; {Kept()}"), outcome);
    }

    private static Task Status(HttpContext context, int code)
    {
        context.Response.StatusCode = code;
        return Task.CompletedTask;
    }
}
