using Microsoft.Extensions.Logging;

namespace HecnetJobs.Logging;

/// <summary>Messages of the Windows service (11xx).</summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Information, "Running as the Windows service {Service}")]
    public static partial void WindowsServiceRunning(ILogger logger, string service);

    [LoggerMessage(1101, LogLevel.Information, "The service control manager asked the service to stop")]
    public static partial void WindowsServiceStopRequested(ILogger logger);
}
