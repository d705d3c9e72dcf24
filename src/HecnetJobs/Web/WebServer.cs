using System.Net;
using HecnetJobs.Config;
using HecnetJobs.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Web;

/// <summary>
/// The status page's HTTP server: Kestrel from the shared framework, with no defaults (no config files, no environment
/// variables, no signal handling of its own), bound only to <see cref="WebOptions.Listen"/>. Runs as one of the daemon's
/// loops; an address it cannot bind is logged and the daemon runs on without the page.
/// </summary>
public sealed class WebServer(WebOptions options, WebRequestHandler handler, LivePump pump, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("HecnetJobs.Web");

    /// <summary>The address it listens on once started (the real port when the config said 0).</summary>
    public Uri? Address { get; private set; }

    public async Task RunAsync(CancellationToken stopping)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "hecnetjobs", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Listen);
            kestrel.AddServerHeader = false;
            // A handful of phones and a Prometheus scraper; a flood must not take the daemon's memory.
            kestrel.Limits.MaxConcurrentConnections = 32;
            kestrel.Limits.MaxRequestBodySize = 0;
        });
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        // Kestrel's own information lines would log every request's URL, which may carry ?token=.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        await using var app = builder.Build();
        handler.Stopping = app.Lifetime.ApplicationStopping;
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(stopping);
        }
        catch (IOException e)
        {
            Log.WebListenFailed(_logger, ConfigLoader.Show(options.Listen), e.Message);
            return;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = bound is null ? null : new Uri(bound.EndsWith('/') ? bound : bound + "/");
        Log.WebListening(_logger, Address?.ToString() ?? ConfigLoader.Show(options.Listen));
        if (!IPAddress.IsLoopback(options.Listen.Address))
            Log.WebNotLoopback(_logger, ConfigLoader.Show(options.Listen));
        try
        {
            await pump.RunAsync(stopping);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            Log.WebStopped(_logger);
        }
    }
}
