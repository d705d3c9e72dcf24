namespace HecnetJobs.Names;

/// <summary>The validators of the last list accepted from a URL, sent back as <c>If-None-Match</c> and <c>If-Modified-Since</c> so an unchanged list costs a 304.</summary>
/// <param name="ETag">The <c>ETag</c> header as the server sent it, quotes and <c>W/</c> included; null when it sent none.</param>
/// <param name="LastModified">The <c>Last-Modified</c> header as the server sent it (an HTTP date); null when it sent none.</param>
public sealed record ConditionalGet(string? ETag, string? LastModified)
{
    /// <summary>Whether there is anything to send.</summary>
    public bool IsEmpty => ETag is null && LastModified is null;
}
