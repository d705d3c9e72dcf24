using System.Diagnostics;
using System.Runtime.Versioning;
using HecnetJobs.Config;
using HecnetJobs.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Hosting.WindowsServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HecnetJobs.WindowsService;

/// <summary>
/// <c>hecnetjobs run</c> started by the Windows service control manager: reports "running" at once, runs the daemon until
/// the service is stopped (or Windows shuts down), and reports HecnetJobs' exit code as the service's, so a failure
/// (78: config) is visible in <c>sc.exe query</c> and triggers the recovery actions that install.ps1 sets.
/// </summary>
/// <remarks>
/// HecnetJobs does not use the generic host; this borrows only its Windows service lifetime, driven by hand as the host
/// would drive it: WaitForStartAsync, NotifyStarted, then NotifyStopped (which lets the SCM's stop return) and StopAsync.
/// </remarks>
internal static class WindowsServiceRunner
{
    /// <summary>The service name install.ps1 registers; the SCM passes it to a service process anyway.</summary>
    public const string ServiceName = "hecnetjobs";

    /// <summary>How long a service stop waits for running jobs to finish before Windows may end the process.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>True when this process was started by the service control manager.</summary>
    [SupportedOSPlatform("windows")]
    public static bool IsService() => WindowsServiceHelpers.IsWindowsService();

    /// <summary>Runs <paramref name="daemon"/> as the service; the exit code is the daemon's (0 after a service stop), or the failure's.</summary>
    [SupportedOSPlatform("windows")]
    public static async Task<int> RunAsync(Func<HecnetJobsOptions> loadConfig, Func<HecnetJobsOptions, ILoggerFactory, CancellationToken, Task> daemon)
    {
        var application = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var environment = new HostingEnvironment
        {
            ApplicationName = "hecnetjobs",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        };
        using var service = new WindowsServiceLifetime(
            environment,
            application,
            NullLoggerFactory.Instance,
            Options.Create(new HostOptions { ShutdownTimeout = StopTimeout }),
            Options.Create(new WindowsServiceLifetimeOptions { ServiceName = ServiceName }));
        // "Running" before the config is read: a bad config then ends the service with exit code 78 and an event log
        // entry, rather than with the SCM's unexplained "did not respond in a timely fashion".
        await service.WaitForStartAsync(CancellationToken.None);
        application.NotifyStarted();
        var exitCode = ExitCodes.Success;
        try
        {
            var options = loadConfig();
            using var loggerFactory = LoggingSetup.Create(options.Logging);
            var logger = loggerFactory.CreateLogger("HecnetJobs.WindowsService");
            Log.WindowsServiceRunning(logger, ServiceName);
            using var stopping = application.ApplicationStopping.Register(() => Log.WindowsServiceStopRequested(logger));
            await daemon(options, loggerFactory, application.ApplicationStopping);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            exitCode = e is HecnetJobsException failure ? failure.ExitCode : ExitCodes.Internal;
            // A service has no stderr: the one-line message goes to the Application event log, under the service's name.
            WriteEventLog(service, e is HecnetJobsException ? e.Message : $"internal error: {e}");
            throw;
        }
        finally
        {
            service.ExitCode = exitCode;
            application.NotifyStopped();
            await service.StopAsync(CancellationToken.None);
        }
        return exitCode;
    }

    [SupportedOSPlatform("windows")]
    private static void WriteEventLog(System.ServiceProcess.ServiceBase service, string message)
    {
        try
        {
            service.EventLog.WriteEntry(message, EventLogEntryType.Error);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or System.Security.SecurityException or ArgumentException)
        {
            // No event source (an account that may not create one): the exit code still tells.
        }
    }
}
