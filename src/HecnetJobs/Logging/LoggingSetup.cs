using HecnetJobs.Config;
using Microsoft.Extensions.Logging;
using NLog;
using NLog.Config;
using NLog.Extensions.Logging;
using NLog.Targets;

namespace HecnetJobs.Logging;

/// <summary>Sets up NLog: the console (plain lines for the journal when not a terminal, colour when it is) and a daily rolling file.</summary>
public static class LoggingSetup
{
    /// <summary>
    /// Builds the logger factory for a command that has a config. <paramref name="quietConsole"/> keeps the console to
    /// errors, for one-shot runs from cron, which mails whatever a job prints; the file still gets everything.
    /// </summary>
    public static ILoggerFactory Create(LoggingOptions options, bool quietConsole = false)
    {
        var config = new LoggingConfiguration();
        var minimum = NLog.LogLevel.FromString(options.Level);
        var consoleMinimum = quietConsole ? NLog.LogLevel.Error : minimum;

        // The journal stamps every line itself, and colour codes would show up as garbage in it.
        var interactive = !Console.IsErrorRedirected;
        var consoleLayout = interactive
            ? "${date:format=HH\\:mm\\:ss} ${level:uppercase=true:padding=-5} ${logger:shortName=true}: ${message}"
            : "${level:uppercase=true:padding=-5} ${logger:shortName=true}: ${message}";
        Target console = interactive
            ? new ColoredConsoleTarget("console") { Layout = consoleLayout, StdErr = true }
            : new ConsoleTarget("console") { Layout = consoleLayout, StdErr = true };
        // Quartz logs every acquisition round at Info and below; only its warnings are worth a line anywhere.
        config.AddRule(NLog.LogLevel.Trace, NLog.LogLevel.Info, new NullTarget("quiet"), "Quartz.*", final: true);
        config.AddRule(consoleMinimum, NLog.LogLevel.Fatal, console);

        var target = new FileTarget("file")
        {
            FileName = Path.Combine(options.Dir, "hecnetjobs.log"),
            Layout = "${longdate} ${processid} ${level:uppercase=true:padding=-5} ${logger:shortName=true}: ${message}${onexception:inner=${newline}${exception:format=ToString}}",
            ArchiveEvery = FileArchivePeriod.Day,
            MaxArchiveFiles = options.KeepFiles,
            CreateDirs = true,
            KeepFileOpen = true,
        };
        // The file keeps the full story (Debug and up) even when the console shows less; exceptions with stack traces go here.
        config.AddRule(NLog.LogLevel.FromOrdinal(Math.Min(minimum.Ordinal, NLog.LogLevel.Debug.Ordinal)), NLog.LogLevel.Fatal, target);

        var factory = new LogFactory { Configuration = config };
        return new NLogLoggerFactory(new NLogProviderOptions { ShutdownOnDispose = true }, factory);
    }
}
