using System.Globalization;
using System.Net;
using HecnetJobs.Jobs;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace HecnetJobs.Names;

/// <summary>
/// Fetches the node list: a conditional GET through a Polly pipeline (a timeout per attempt, covering the whole body;
/// retries with exponential back-off and jitter on connect failures, timeouts, 408, 429 and 5xx, honouring
/// <c>Retry-After</c> up to <see cref="NameRefreshOptions.RetryDelayMax"/>), a size limit and a content check.
/// A <c>file:</c> URL is read from disk with the same size limit and content check, for offline use.
/// </summary>
public sealed partial class NodeListDownloader(NameRefreshOptions options, TimeProvider time)
{
    /// <summary>Downloads the list, sending <paramref name="previous"/> as a conditional GET when it has validators.</summary>
    /// <exception cref="NodeListDownloadException">No list could be had, or its content was refused; the message is one line.</exception>
    public async Task<NodeListDownload> DownloadAsync(ConditionalGet? previous, CancellationToken cancellationToken)
    {
        if (options.Url.IsFile)
            return await ReadFileAsync(cancellationToken);

        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.Timeout,
            AutomaticDecompression = DecompressionMethods.All,
            MaxAutomaticRedirections = 5,
        };
        // The pipeline's timeout bounds each attempt, the body included; HttpClient's own would only add a second clock.
        using var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"HecnetJobs/{AppInfo.Version}");

        var notes = new List<string>();
        var attempts = 0;
        var pipeline = Pipeline(notes);
        Attempt answer;
        try
        {
            answer = await pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await FetchAsync(client, previous, token);
                },
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException or IOException)
        {
            throw new NodeListDownloadException($"{Host}: {Describe(e)} ({Tries(attempts)})", contentRefused: false, e);
        }

        if (answer.Status == HttpStatusCode.NotModified && previous is { IsEmpty: false })
            return new NodeListDownload(true, "", previous, attempts, notes);
        if (answer.Status != HttpStatusCode.OK)
            throw new NodeListDownloadException($"{Host}: the server answered {answer.StatusText} ({Tries(attempts)}){Hint(answer.Status)}", contentRefused: false);
        var text = NodeListContent.ToText(answer.Body, answer.ContentType);
        return new NodeListDownload(false, text, answer.Validators, attempts, notes);
    }

    private string Host => options.Url.IsDefaultPort ? options.Url.Host : $"{options.Url.Host}:{options.Url.Port}";

    private ResiliencePipeline<Attempt> Pipeline(List<string> notes) =>
        new ResiliencePipelineBuilder<Attempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = Math.Max(options.Retries, 1),
                ShouldHandle = args => ValueTask.FromResult(options.Retries > 0 && IsTransient(args.Outcome)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.RetryDelayMax,
                // A server that says when to come back is believed, up to the same cap as the back-off.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.RetryAfter is { } wait ? (TimeSpan?)Min(wait, options.RetryDelayMax) : null),
                OnRetry = args =>
                {
                    var what = args.Outcome.Exception is { } e ? Describe(e) : args.Outcome.Result!.StatusText + RetryAfterText(args.Outcome.Result);
                    notes.Add($"attempt {args.AttemptNumber + 1}: {what}; retried after {Wait(args.RetryDelay)}");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.Timeout)
            .Build();

    private static bool IsTransient(Outcome<Attempt> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException or HttpRequestException or IOException } => true,
        { Result: { } answer } => answer.Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)answer.Status >= 500,
        _ => false,
    };

    private string Describe(Exception e) => e switch
    {
        TimeoutRejectedException => $"no complete answer within {Config.Duration.Format(options.Timeout)} (nameRefresh.timeout)",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "cannot resolve the host name",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => $"cannot connect ({Innermost(e)})",
        HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } or HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "the answer broke off before its end",
        IOException or HttpRequestException { InnerException: IOException } => $"the connection broke ({Innermost(e)})",
        _ => Innermost(e),
    };

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e.Message.ReplaceLineEndings(" ").TrimEnd('.');
    }

    private static string RetryAfterText(Attempt answer) =>
        answer.RetryAfter is { } wait ? $", Retry-After {Config.Duration.Format(wait)}" : "";

    /// <summary>A wait for a message, to the millisecond: a jittered delay under 1 ms still reads as <c>1ms</c>, not nothing.</summary>
    private static string Wait(TimeSpan delay) => delay < TimeSpan.FromSeconds(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Round(delay.TotalMilliseconds))}ms")
        : Config.Duration.Format(TimeSpan.FromMilliseconds(Math.Round(delay.TotalMilliseconds)));

    private static string Tries(int attempts) => attempts == 1 ? "1 attempt" : string.Create(CultureInfo.InvariantCulture, $"{attempts} attempts");

    private static string Hint(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound or HttpStatusCode.Gone => "; check nameRefresh.url",
        HttpStatusCode.NotModified => "; HecnetJobs sent no validators, so a 304 makes no sense",
        _ => "",
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
