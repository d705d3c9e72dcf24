using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Tests.Jobs;

/// <summary>A real Kestrel server on 127.0.0.1 serving node lists; each test sets what the next requests get.</summary>
public sealed class NameRefreshListServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SeenRequest> _requests = new();
    private int _count;

    private NameRefreshListServer(WebApplication app) => _app = app;

    /// <summary>Answers request number N (1-based); the default serves an empty 200.</summary>
    public Func<HttpContext, int, Task> Handler { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>Called as each request arrives, before <see cref="Handler"/> (with the request number).</summary>
    public Action<int>? OnRequest { get; set; }

    public Uri Url { get; private set; } = null!;

    /// <summary>Scheme, host and port, as the job's messages name the server.</summary>
    public string Host => $"{Url.Host}:{Url.Port}";

    public IReadOnlyList<SeenRequest> Requests => _requests.ToList();

    public static async Task<NameRefreshListServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new NameRefreshListServer(app);
        app.Run(async context =>
        {
            var number = Interlocked.Increment(ref server._count);
            server._requests.Enqueue(new SeenRequest(
                number,
                context.Request.Headers.IfNoneMatch.ToString(),
                context.Request.Headers.IfModifiedSince.ToString()));
            server.OnRequest?.Invoke(number);
            await server.Handler(context, number);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Url = new Uri(new Uri(address), "/hecnod");
        return server;
    }

    /// <summary>Serves <paramref name="text"/> as text/plain with the given validators.</summary>
    public static async Task Serve(HttpContext context, string text, string? etag = null, string? lastModified = null)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (etag is not null)
            context.Response.Headers.ETag = etag;
        if (lastModified is not null)
            context.Response.Headers.LastModified = lastModified;
        await context.Response.WriteAsync(text);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>What a request carried: its number and its conditional headers (empty when absent).</summary>
    public sealed record SeenRequest(int Number, string IfNoneMatch, string IfModifiedSince);
}
