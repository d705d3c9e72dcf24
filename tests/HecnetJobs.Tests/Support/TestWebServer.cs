using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Tests.Support;

/// <summary>A real Kestrel server on a free loopback port; each request goes to <see cref="Handler"/>, which a test may change between requests.</summary>
public sealed class TestWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestWebServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Answers every request; 200 with an empty body until a test says otherwise.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = _ => Task.CompletedTask;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<TestWebServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new TestWebServer(app);
        app.Run(context => server.Handler(context));
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
