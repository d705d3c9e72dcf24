using Microsoft.Extensions.Logging;

namespace HecnetJobs.Logging;

/// <summary>The link probe's messages: event ids 7xx.</summary>
internal static partial class Log
{
    [LoggerMessage(700, LogLevel.Warning, "{Job}: link {Target} {Old} -> {New}: {Reason}")]
    public static partial void LinkStateChanged(ILogger logger, string job, string target, string old, string @new, string reason);

    [LoggerMessage(701, LogLevel.Warning, "{Job}: link {Target} cannot be checked for too long: {Reason}")]
    public static partial void LinkUncheckable(ILogger logger, string job, string target, string reason);
}
