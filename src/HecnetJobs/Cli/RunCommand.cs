using System.CommandLine;
using HecnetJobs.Logging;
using HecnetJobs.Scheduling;
using HecnetJobs.WindowsService;

namespace HecnetJobs.Cli;

/// <summary><c>hecnetjobs run</c>: the daemon, in the foreground, until SIGINT or SIGTERM (then exit 0); under the Windows service control manager, until the service is stopped.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the daemon: schedules from jobs.xml, heartbeat status file, systemd notifications. Stops cleanly on SIGINT/SIGTERM.");
        command.SetAction(async (parse, _) =>
        {
            if (OperatingSystem.IsWindows() && WindowsServiceRunner.IsService())
            {
                return await WindowsServiceRunner.RunAsync(
                    () => CommonOptions.LoadConfig(parse),
                    (options, loggerFactory, stopping) => new Daemon(options, loggerFactory, TimeProvider.System).RunAsync(stopping));
            }
            var options = CommonOptions.LoadConfig(parse);
            using var signals = new SignalScope();
            using var loggerFactory = LoggingSetup.Create(options.Logging);
            await new Daemon(options, loggerFactory, TimeProvider.System).RunAsync(signals.Token);
            // A stop asked for by a signal is the normal end of a daemon, not a failure (systemd would count 143 as one).
            return ExitCodes.Success;
        });
        return command;
    }
}
