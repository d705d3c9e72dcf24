using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HecnetJobs.Logging;
using HecnetJobs.Status;
using HecnetJobs.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Web;

/// <summary>
/// Answers every request of the status page: GET and HEAD only (405 otherwise), then the token or password (401 with
/// no detail), then <c>/</c>, <c>/status.json</c>, <c>/metrics</c> and the live feed <c>/events</c>. Nothing here can
/// change anything.
/// </summary>
public sealed class WebRequestHandler(WebOptions options, StatusPublisher status, Database database, MetricsCounters counters, LiveFeed feed, string nodeName, TimeProvider time, ILogger logger)
{
    private readonly WebAuth _auth = new(options);

    /// <summary>Set when the host stops, so open live connections end instead of holding the stop up.</summary>
    public CancellationToken Stopping { get; set; }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
        try
        {
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                response.Headers.Allow = "GET, HEAD";
                await TextAsync(context, StatusCodes.Status405MethodNotAllowed, "405 Method Not Allowed: this page is read-only\n");
                return;
            }
            var query = request.Query["token"];
            if (!_auth.Allows(request.Headers.Authorization.Count == 1 ? request.Headers.Authorization[0] : null, query.Count == 1 ? query[0] : null))
            {
                Log.WebRefused(logger, request.Method, request.Path.Value ?? "", context.Connection.RemoteIpAddress?.ToString() ?? "?");
                response.Headers.WWWAuthenticate = _auth.Challenge;
                await TextAsync(context, StatusCodes.Status401Unauthorized, "401 Unauthorized\n");
                return;
            }
            switch (request.Path.Value)
            {
                case "/":
                    await PageAsync(context);
                    break;
                case "/status.json":
                    await StatusJsonAsync(context);
                    break;
                case "/metrics":
                    await MetricsAsync(context);
                    break;
                case "/events":
                    await EventsAsync(context);
                    break;
                default:
                    await TextAsync(context, StatusCodes.Status404NotFound, "404 Not Found: try / or /status.json or /metrics\n");
                    break;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || Stopping.IsCancellationRequested)
        {
            // The browser went away, or the daemon is stopping: nothing to answer.
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException && !response.HasStarted)
        {
            Log.WebRequestFailed(logger, request.Method, request.Path.Value ?? "", e);
            await TextAsync(context, StatusCodes.Status503ServiceUnavailable, "503 Service Unavailable: the history could not be read; the log says why\n");
        }
    }

    private async Task PageAsync(HttpContext context)
    {
        await status.RefreshAsync(context.RequestAborted);
        if (status.Latest is not { } document)
        {
            await NotYetAsync(context);
            return;
        }
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        var html = StatusPage.Render(StatusPageData.Load(document, database, nodeName, time), nonce);
        await BodyAsync(context, StatusCodes.Status200OK, "text/html; charset=utf-8", html);
    }

    private async Task StatusJsonAsync(HttpContext context)
    {
        if (status.Latest is not { } document)
        {
            await NotYetAsync(context);
            return;
        }
        await BodyAsync(context, StatusCodes.Status200OK, "application/json; charset=utf-8", JsonSerializer.Serialize(document, StatusJsonContext.Document) + "\n");
    }

    private async Task MetricsAsync(HttpContext context)
    {
        if (status.Latest is not { } document)
        {
            await NotYetAsync(context);
            return;
        }
        var text = MetricsWriter.Write(MetricsSnapshot.Take(document, counters, database, nodeName));
        await BodyAsync(context, StatusCodes.Status200OK, MetricsWriter.ContentType, text);
    }

    /// <summary>Server-Sent Events: the current state at once, then each change, and a comment every <see cref="WebOptions.KeepAlive"/> so proxies and phones keep the connection.</summary>
    private async Task EventsAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers["X-Accel-Buffering"] = "no";
        if (HttpMethods.IsHead(context.Request.Method))
            return;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, Stopping);
        var cancellationToken = ended.Token;
        using var subscription = feed.Subscribe();
        await status.RefreshAsync(cancellationToken);
        var first = status.Latest is { } document ? StatusPage.Payload(StatusPageData.Load(document, database, nodeName, time)) : null;
        await WriteAsync(response, $"retry: 3000\n{(first is null ? "" : Event(first))}\n", cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(options.KeepAlive);
            string? update = null;
            try
            {
                if (!await subscription.Updates.WaitToReadAsync(wait.Token))
                    return;
                subscription.Updates.TryRead(out update);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // No news within the keep-alive time: a comment line keeps the connection open.
            }
            await WriteAsync(response, update is null ? ": keep-alive\n\n" : Event(update) + "\n", cancellationToken);
        }
    }

    private static string Event(string payload) => $"event: status\ndata: {payload}\n";

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static Task NotYetAsync(HttpContext context) =>
        TextAsync(context, StatusCodes.Status503ServiceUnavailable, "503 Service Unavailable: no status built yet, try again in a moment\n");

    private static Task TextAsync(HttpContext context, int code, string text) =>
        BodyAsync(context, code, "text/plain; charset=utf-8", text);

    /// <summary>Sends a whole body with its length; a HEAD request gets the same headers and no body.</summary>
    private static async Task BodyAsync(HttpContext context, int code, string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
