using Microsoft.Extensions.Logging;

namespace HecnetJobs.Logging;

/// <summary>The status page's and metrics textfile's messages: event ids 10xx. A URL is logged by its path only: a query may hold the token.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Status page listening on {Url}")]
    public static partial void WebListening(ILogger logger, string url);

    [LoggerMessage(1001, LogLevel.Warning, "Status page on {Address} is reachable from the network over plain HTTP: the token or password crosses it readable; prefer an SSH tunnel or a TLS proxy")]
    public static partial void WebNotLoopback(ILogger logger, string address);

    [LoggerMessage(1002, LogLevel.Error, "Status page could not listen on {Address}: {Error}; HecnetJobs runs on without it")]
    public static partial void WebListenFailed(ILogger logger, string address, string error);

    [LoggerMessage(1003, LogLevel.Debug, "Status page: {Method} {Path} from {Remote} refused: no valid token or password")]
    public static partial void WebRefused(ILogger logger, string method, string path, string remote);

    [LoggerMessage(1004, LogLevel.Error, "Status page: {Method} {Path} failed")]
    public static partial void WebRequestFailed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(1005, LogLevel.Warning, "Metrics textfile {File} could not be written: {Error}")]
    public static partial void TextfileFailed(ILogger logger, string file, string error);

    [LoggerMessage(1006, LogLevel.Information, "Metrics textfile {File} written again")]
    public static partial void TextfileRecovered(ILogger logger, string file);

    [LoggerMessage(1008, LogLevel.Warning, "Status page: a live update could not read the store; the next one tries again")]
    public static partial void WebLiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(1007, LogLevel.Information, "Status page stopped")]
    public static partial void WebStopped(ILogger logger);
}
