namespace HecnetJobs.Names;

/// <summary>A node list that could not be fetched (the server could not be reached, failed, or timed out, after the retries), or whose content was refused before parsing (too large, HTML, not text).</summary>
public sealed class NodeListDownloadException : HecnetJobsException
{
    public NodeListDownloadException(string message, bool contentRefused, Exception? innerException = null)
        : base(message, ExitCodes.JobFailed, innerException)
    {
        ContentRefused = contentRefused;
    }

    public NodeListDownloadException()
        : this("the node list could not be downloaded", false)
    {
    }

    public NodeListDownloadException(string message)
        : this(message, false)
    {
    }

    public NodeListDownloadException(string message, Exception innerException)
        : this(message, false, innerException)
    {
    }

    /// <summary>True when a list arrived but was refused for its content (size, HTML, bytes that are not text); false when none arrived.</summary>
    public bool ContentRefused { get; }
}
