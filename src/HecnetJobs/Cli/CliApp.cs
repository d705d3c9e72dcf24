using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Cli;

/// <summary>The command line: builds the commands, runs one, and turns failures into one line on stderr and an exit code.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = new RootCommand("HecnetJobs keeps a PyDECnet router running and reachable, and says when it was not.")
        {
            RunCommand.Create(),
            TriggerCommand.Create(),
            StatusCommand.Create(),
            CheckCommand.Create(),
            PauseCommand.CreatePause(),
            PauseCommand.CreateResume(),
            AlertCommand.Create(),
            ReportCommand.Create(),
            SetupCommand.Create(),
        };
        root.Options.Add(CommonOptions.Config);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
                error.WriteLine(parseError.Message);
            error.WriteLine("Try 'hecnetjobs --help'.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                // Signals are handled by the commands themselves (SignalScope), which stop in order.
                ProcessTerminationTimeout = null,
            });
        }
        catch (HecnetJobsException e)
        {
            error.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            error.WriteLine(e.StackTrace);
            return ExitCodes.Internal;
        }
    }
}
