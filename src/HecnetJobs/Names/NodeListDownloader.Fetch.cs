using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace HecnetJobs.Names;

/// <summary>One request and its body, read within the size limit; and the offline read of a <c>file:</c> URL.</summary>
public sealed partial class NodeListDownloader
{
    private async Task<Attempt> FetchAsync(HttpClient client, ConditionalGet? previous, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, options.Url);
        if (previous?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            request.Headers.IfNoneMatch.Add(tag);
        if (previous?.LastModified is { } modified && DateTimeOffset.TryParse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            request.Headers.IfModifiedSince = since;

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = response.StatusCode;
        var statusText = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status} {response.ReasonPhrase}").TrimEnd();
        var validators = new ConditionalGet(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture));
        if (status != HttpStatusCode.OK)
            return new Attempt(status, statusText, [], null, validators, RetryAfter.Wait(response.Headers.RetryAfter, time.GetUtcNow()));

        var body = await ReadLimitedAsync(response.Content, cancellationToken);
        return new Attempt(status, statusText, body, response.Content.Headers.ContentType?.MediaType, validators, null);
    }

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } length && length > options.MaxBytes)
            throw TooLarge($"{Size(length)} (Content-Length)");
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > options.MaxBytes)
                throw TooLarge("larger, reading stopped there");
            body.Write(buffer, 0, read);
        }
        return body.ToArray();
    }

    private async Task<NodeListDownload> ReadFileAsync(CancellationToken cancellationToken)
    {
        var path = options.Url.LocalPath;
        byte[] body;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > options.MaxBytes)
                throw TooLarge(Size(length));
            body = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : Pydecnet.FileErrors.Reason(e);
            throw new NodeListDownloadException($"{path}: cannot read the node list: {why}", contentRefused: false, e);
        }
        return new NodeListDownload(false, NodeListContent.ToText(body, null), new ConditionalGet(null, null), 1, []);
    }

    private NodeListDownloadException TooLarge(string size) =>
        new($"the list is {size}, more than the {Size(options.MaxBytes)} allowed (nameRefresh.maxBytes)", contentRefused: true);

    /// <summary>A byte count for a message: <c>10 MiB</c>, <c>512 KiB</c>, <c>900 bytes</c>.</summary>
    internal static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB"),
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    /// <summary>One answer: status, body (only for 200), validators and the server's <c>Retry-After</c>.</summary>
    private sealed record Attempt(HttpStatusCode Status, string StatusText, byte[] Body, string? ContentType, ConditionalGet Validators, TimeSpan? RetryAfter);
}
