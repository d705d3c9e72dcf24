using System.CommandLine;
using HecnetJobs.Config;
using HecnetJobs.Logging;
using HecnetJobs.Scheduling;

namespace HecnetJobs.Cli;

/// <summary>
/// <c>hecnetjobs trigger JOB [--wait]</c>: runs a job now — through the daemon when one holds the lock, else in this
/// process under the lock. Exit codes: 0 success (or handed over without --wait), 1 the job failed, 66 no such job,
/// 75 the daemon did not finish it within --timeout, 78 invalid config or jobs.xml, 130/143 interrupted.
/// </summary>
internal static class TriggerCommand
{
    private static readonly Argument<string> JobName = new("JOB") { Description = "The job's <name> in jobs.xml, e.g. housekeeping" };
    private static readonly Option<bool> Wait = new("--wait", "-w") { Description = "Wait for the job to end, print its outcome, and exit 0 on success or 1 on failure" };
    private static readonly Option<bool> Reset = new("--reset") { Description = "For a watchdog job: clear its restart back-off first, so it may restart PyDECnet at once" };
    private static readonly Option<bool> Print = new("--print") { Description = "For a daily-digest job: print the message it would send now, and send nothing" };
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    private static readonly Option<string?> Timeout = new("--timeout")
    {
        Description = "With --wait: how long to wait for the daemon to finish the job (default 30m)",
        HelpName = "DURATION",
    };

    public static Command Create()
    {
        var command = new Command("trigger", "Run a job now: the running daemon runs it, or this process does when no daemon runs.")
        {
            JobName,
            Wait,
            Timeout,
            Reset,
            Print,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(Timeout) is { } text && (!Duration.TryParse(text, out var value) || value <= TimeSpan.Zero))
                result.AddError($"--timeout: '{text}' is not a duration above zero (e.g. 30m)");
        });
        command.SetAction(async (parse, _) =>
        {
            var options = CommonOptions.LoadConfig(parse);
            using var signals = new SignalScope();
            using var loggerFactory = LoggingSetup.Create(options.Logging, quietConsole: true);
            var timeout = parse.GetValue(Timeout) is { } text && Duration.TryParse(text, out var parsed) ? parsed : DefaultTimeout;
            var trigger = new TriggerRun(options, loggerFactory, TimeProvider.System, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (parse.GetValue(Print))
                return trigger.PrintDigest(parse.GetValue(JobName)!);
            var code = await trigger.RunAsync(parse.GetValue(JobName)!, parse.GetValue(Wait), timeout, parse.GetValue(Reset), signals.Token);
            return signals.ExitCode(code);
        });
        return command;
    }
}
