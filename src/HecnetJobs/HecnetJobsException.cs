namespace HecnetJobs;

/// <summary>A failure the user can act on: its message is printed as it is, with no stack trace, and the process exits with <see cref="ExitCode"/>.</summary>
public class HecnetJobsException : Exception
{
    public HecnetJobsException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public HecnetJobsException()
        : this("HecnetJobs failed", ExitCodes.Internal)
    {
    }

    public HecnetJobsException(string message)
        : this(message, ExitCodes.Internal)
    {
    }

    public HecnetJobsException(string message, Exception innerException)
        : this(message, ExitCodes.Internal, innerException)
    {
    }

    /// <summary>The process exit code that goes with this failure (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; }
}
