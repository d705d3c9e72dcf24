using System.Net;
using System.Net.Sockets;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>What the HTTP monitor's <c>/stats/raw</c> page can look like, and the one line the watchdog records for each.</summary>
public sealed class MainLoopProbeTests : IAsyncLifetime
{
    private TestWebServer _server = null!;

    public async Task InitializeAsync() => _server = await TestWebServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private int Port => _server.BaseUrl.Port;

    [Fact(Timeout = 30_000)]
    public async Task Counters_in_a_pre_block_give_a_fingerprint_that_changes_with_them()
    {
        var counters = "{\"hello_sent\": 1}";
        _server.Handler = context => context.Response.WriteAsync($"<html><body><pre>{counters}</pre></body></html>");

        var first = await MainLoopProbe.SampleAsync(Port, TimeSpan.FromSeconds(10), CancellationToken.None);
        counters = "{\"hello_sent\": 2}";
        var second = await MainLoopProbe.SampleAsync(Port, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Null(first.Problem);
        Assert.Matches("^[0-9A-F]{16}$", first.Fingerprint);
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(404, "<html>Not Found</html>", "answered 404")]
    [InlineData(200, "<html><body>no counters here</body></html>", "page has no counters block")]
    [InlineData(200, "<pre>never closed", "page has no counters block")]
    [InlineData(200, "", "page has no counters block")]
    public async Task A_page_without_counters_is_a_problem_with_the_url(int code, string body, string expected)
    {
        _server.Handler = context =>
        {
            context.Response.StatusCode = code;
            return context.Response.WriteAsync(body);
        };

        var sample = await MainLoopProbe.SampleAsync(Port, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Null(sample.Fingerprint);
        Assert.Equal($"HTTP monitor http://127.0.0.1:{Port}/stats/raw {expected}", sample.Problem);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_monitor_that_never_answers_is_a_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var sample = await MainLoopProbe.SampleAsync(port, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        Assert.Equal($"HTTP monitor http://127.0.0.1:{port}/stats/raw did not answer within 300ms", sample.Problem);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_port_nobody_listens_on_is_a_problem_that_names_it()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var sample = await MainLoopProbe.SampleAsync(port, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.StartsWith($"HTTP monitor http://127.0.0.1:{port}/stats/raw: ", sample.Problem, StringComparison.Ordinal);
        Assert.Null(sample.Fingerprint);
    }
}
