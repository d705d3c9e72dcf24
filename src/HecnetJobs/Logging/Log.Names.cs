using Microsoft.Extensions.Logging;

namespace HecnetJobs.Logging;

/// <summary>The name refresh's messages: event ids 8xx. Changes only; a run that finds no change logs nothing beyond the job's own line.</summary>
internal static partial class Log
{
    [LoggerMessage(800, LogLevel.Information, "{Job}: new node names in {File}: {Summary}")]
    public static partial void NamesChanged(ILogger logger, string job, string file, string summary);

    [LoggerMessage(801, LogLevel.Warning, "{Job}: node list refused, names file kept: {Reason}")]
    public static partial void NamesRefused(ILogger logger, string job, string reason);

    [LoggerMessage(802, LogLevel.Error, "{Job}: PyDECnet refused the new names file {File} ({Said}); the previous one was put back")]
    public static partial void NamesRestored(ILogger logger, string job, string file, string said);
}
