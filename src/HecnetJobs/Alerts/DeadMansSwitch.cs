using HecnetJobs.Store;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Alerts;

/// <summary>
/// Pings a Healthchecks.io-style URL after each watchdog run: the URL on success, <c>URL/fail</c> on failure, and
/// <c>URL/start</c> first when asked. The outside service raises the alarm when pings stop, which is the only way to hear
/// of a host that lost power or its network. A failed ping is recorded and logged, never fatal to the run.
/// </summary>
public sealed class DeadMansSwitch(PingOptions options, OutboxStore store, TimeProvider time, ILogger logger)
{
    public const string ChannelName = "ping";

    public string Target => AlertHttp.Origin(options.Url);

    /// <summary>Pings <c>URL/start</c> when <see cref="PingOptions.Start"/> is set.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Start)
            await PingAsync("/start", cancellationToken);
    }

    /// <summary>Pings the URL, or <c>URL/fail</c> when the run failed.</summary>
    public Task FinishAsync(bool succeeded, CancellationToken cancellationToken) =>
        PingAsync(succeeded ? "" : "/fail", cancellationToken);

    /// <summary>A success ping for <c>alert test</c>, recorded nowhere; returns the answer or throws <see cref="AlertDeliveryException"/>.</summary>
    public static async Task<string> TestAsync(PingOptions options, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, options.Url);
        return await AlertHttp.SendAsync(request, options.Timeout, cancellationToken);
    }

    /// <summary>One ping; returns the failure text, or null when it worked.</summary>
    public async Task<string?> PingAsync(string suffix, CancellationToken cancellationToken)
    {
        var url = new UriBuilder(options.Url);
        url.Path = url.Path.TrimEnd('/') + suffix;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url.Uri);
            await AlertHttp.SendAsync(request, options.Timeout, cancellationToken);
        }
        catch (AlertDeliveryException e)
        {
            error = e.Message;
        }
        var failedBefore = store.Attempts(ChannelName) > 0;
        store.RecordPing(ChannelName, error, time.GetUtcNow());
        if (error is not null && !failedBefore)
            AlertsLog.PingFailed(logger, Target, error);
        else if (error is null && failedBefore)
            AlertsLog.PingRecovered(logger, Target);
        return error;
    }
}
