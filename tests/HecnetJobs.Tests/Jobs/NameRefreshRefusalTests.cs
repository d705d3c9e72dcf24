using System.Text;
using HecnetJobs.Jobs;
using Microsoft.AspNetCore.Http;

namespace HecnetJobs.Tests.Jobs;

/// <summary>Answers from a real Kestrel server that are not a node list, or not one to accept: too large, HTML, empty, binary, cut off, shrunk.</summary>
public sealed class NameRefreshRefusalTests : IAsyncLifetime, IDisposable
{
    private readonly NameRefreshRig _rig = new();
    private NameRefreshListServer _server = null!;

    public async Task InitializeAsync() => _server = await NameRefreshListServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _rig.Dispose();

    private string Kept(int entries = 1) => $"kept {_rig.NamesFile} ({(entries == 1 ? "1 entry" : $"{entries} entries")})";

    [Fact(Timeout = 30_000)]
    public async Task A_10_MiB_body_is_refused_from_its_content_length()
    {
        _server.Handler = (c, _) =>
        {
            c.Response.ContentLength = 10L * 1024 * 1024;
            return c.Response.Body.WriteAsync(new byte[10 * 1024 * 1024]).AsTask();
        };

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Failure($"refused the node list from {_server.Url}: the list is 10 MiB (Content-Length), more than the 4 MiB allowed (nameRefresh.maxBytes); {Kept()}"), outcome);
        Assert.Single(_server.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_10_MiB_body_without_a_length_is_refused_once_the_limit_is_read()
    {
        var line = Encoding.ASCII.GetBytes(new string('1', 1023) + "\n");
        _server.Handler = async (c, _) =>
        {
            for (var i = 0; i < 10 * 1024 && !c.RequestAborted.IsCancellationRequested; i++)
                await c.Response.Body.WriteAsync(line, c.RequestAborted);
        };

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Failure($"refused the node list from {_server.Url}: the list is larger, reading stopped there, more than the 4 MiB allowed (nameRefresh.maxBytes); {Kept()}"), outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_html_error_page_is_refused_and_raises_one_alert()
    {
        _server.Handler = async (c, _) =>
        {
            c.Response.ContentType = "text/html";
            await c.Response.WriteAsync("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>\n");
        };

        var first = await _rig.RunAsync(_server.Url);
        var second = await _rig.RunAsync(_server.Url);

        var reason = "the server sent an HTML page (text/html), not a node list: '<!DOCTYPE html>'";
        Assert.Equal(JobOutcome.Failure($"refused the node list from {_server.Url}: {reason}; {Kept()}"), first);
        Assert.Equal(first, second);
        var alert = Assert.Single(_rig.Alerts());
        Assert.Equal(("names.refused", "warning", "HECnet node list refused"), (alert.Kind, alert.Severity, alert.Subject));
        Assert.Equal(
            $"The node list from {_server.Url} was refused, so {_rig.NamesFile} was left as it is.\n\nWhy:\n  {reason}\n\n"
            + "PyDECnet keeps running with the names it has. The next refresh tries again; if the list is right and the\n"
            + "check is wrong, see nameRefresh.maxShrinkPercent and nameRefresh.pinned in docs/name-refresh.md.\n",
            alert.Body.ReplaceLineEndings("\n"));
        Assert.Equal((reason, "1.13 MIM\n"), (_rig.State!.Refused, _rig.NamesText));
        Assert.Equal(2, _rig.Events(NameRefreshEvents.Refused).Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_empty_body_is_refused()
    {
        _server.Handler = (c, _) => NameRefreshListServer.Serve(c, "");

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Failure($"refused the node list from {_server.Url}: the list is empty; {Kept()}"), outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task Binary_garbage_is_refused_as_not_text()
    {
        _server.Handler = (c, _) => c.Response.Body.WriteAsync(new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0x31, 0x2e }).AsTask();

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Failure($"refused the node list from {_server.Url}: the list is not text: it is not valid UTF-8 at byte 1; {Kept()}"), outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_body_cut_off_before_its_content_length_is_retried_then_reported()
    {
        _server.Handler = async (c, _) =>
        {
            c.Response.ContentLength = 100_000;
            await c.Response.WriteAsync("1.13 MIM\n1.2 ERNIE\n");
            await c.Response.Body.FlushAsync();
            c.Abort();
        };

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Failure($"node list not downloaded: {_server.Host}: the connection broke (Connection reset by peer) (3 attempts); {Kept()}"), outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_list_truncated_in_the_middle_of_a_line_is_refused()
    {
        _server.Handler = (c, _) => NameRefreshListServer.Serve(c, "1.1 MAGICA\n1.2 ERNIE\n1.13 MIM\n1.14");

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Failure($"refused the node list from {_server.Url}: line 4: '1.14': not a node entry (expected '<area>.<node> <name>', e.g. '1.13 MIM', and nothing after it); {Kept()}"), outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_list_that_shrank_by_half_is_refused_with_the_numbers()
    {
        File.WriteAllText(_rig.NamesFile, NameRefreshRig.NodenamesDat);
        var half = string.Join("", NameRefreshRig.NodenamesDat.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 0).Select(l => l + "\n"));
        if (!half.Contains("1.13 MIM\n", StringComparison.Ordinal))
            half = "1.13 MIM\n" + half;
        _server.Handler = (c, _) => NameRefreshListServer.Serve(c, half);

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.Equal(JobOutcome.Failure($"refused the node list from {_server.Url}: 614 of 1229 current entries would disappear (50%), more than the 20% allowed; first: 1.2 ERNIE, 1.4 GOBLIN, 1.6 GNOME; {Kept(1229)}"), outcome);
        Assert.Equal(NameRefreshRig.NodenamesDat, _rig.NamesText);
    }
}
