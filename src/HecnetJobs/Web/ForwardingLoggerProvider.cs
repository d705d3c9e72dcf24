using Microsoft.Extensions.Logging;

namespace HecnetJobs.Web;

/// <summary>Hands the web host's log messages to the daemon's logger factory (NLog), after the host's own level filter.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The daemon owns the factory and disposes it.
    }
}
