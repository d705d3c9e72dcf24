using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace HecnetJobs.Pydecnet;

/// <summary>A snapshot of the counters in PyDECnet's <c>/stats/raw</c> page, or why there is none.</summary>
/// <param name="Fingerprint">A hash of the counters block; two equal fingerprints some time apart mean the main loop did not run.</param>
public sealed record MainLoopSample(string? Fingerprint, string? Problem);

/// <summary>
/// Reads the HTTP monitor's <c>/stats/raw</c>: its counters only move while PyDECnet's main loop runs, which the API
/// probe cannot show (the API thread answers while the main loop is stuck).
/// </summary>
public static class MainLoopProbe
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static async Task<MainLoopSample> SampleAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{port}/stats/raw");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await Client.GetAsync(url, deadline.Token);
            if (response.StatusCode != HttpStatusCode.OK)
                return new(null, $"HTTP monitor {url} answered {(int)response.StatusCode}");
            var page = await response.Content.ReadAsStringAsync(deadline.Token);
            var start = page.IndexOf("<pre>", StringComparison.Ordinal);
            var end = page.IndexOf("</pre>", StringComparison.Ordinal);
            if (start < 0 || end < start)
                return new(null, $"HTTP monitor {url} page has no counters block");
            var block = page[(start + 5)..end];
            return new(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(block)))[..16], null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, $"HTTP monitor {url} did not answer within {Config.Duration.Format(timeout)}");
        }
        catch (HttpRequestException e)
        {
            return new(null, $"HTTP monitor {url}: {e.Message}");
        }
    }
}
