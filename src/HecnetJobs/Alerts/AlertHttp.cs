namespace HecnetJobs.Alerts;

/// <summary>The one HttpClient of the webhook and the ping, and the words for what went wrong with a request.</summary>
internal static class AlertHttp
{
    /// <summary>Shared, as HttpClient is meant to be; each request brings its own timeout. Connections are renewed so DNS changes are seen.</summary>
    public static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(30) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { { "User-Agent", $"HecnetJobs/{AppInfo.Version}" } },
    };

    /// <summary>Scheme, host and port only: the path and query of a webhook or ping URL often are the secret.</summary>
    public static string Origin(Uri url) => url.IsDefaultPort ? $"{url.Scheme}://{url.Host}" : $"{url.Scheme}://{url.Host}:{url.Port}";

    /// <summary>Sends with a deadline and turns failures into <see cref="AlertDeliveryException"/> with one line that names only the origin.</summary>
    public static async Task<string> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        var origin = Origin(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return $"HTTP {code}";
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            var first = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            if (first.Length > 200)
                first = first[..200] + "...";
            throw new AlertDeliveryException($"{origin} answered HTTP {code} {response.ReasonPhrase}{(first.Length > 0 ? $": {Hide(first, url)}" : "")}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            throw new AlertDeliveryException($"no answer from {origin} within {Config.Duration.Format(timeout)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new AlertDeliveryException($"cannot reach {origin}: {Hide(e.Message, url)}", e);
        }
    }

    /// <summary>Blanks the URL's path and query wherever a message repeats them.</summary>
    private static string Hide(string text, Uri url)
    {
        var path = url.PathAndQuery;
        text = text.Replace(url.OriginalString, Origin(url), StringComparison.Ordinal);
        return path.Length > 1 ? text.Replace(path, "/***", StringComparison.Ordinal) : text;
    }
}
