using HecnetJobs.Pydecnet;

namespace HecnetJobs.Setup;

/// <summary>A PyDECnet process running now, read from /proc: the command line the watchdog must recognise it by.</summary>
/// <param name="Pid">Its process id.</param>
/// <param name="Command">The program for <c>pydecnet.command</c>: the <c>pydecnet</c> script, or the Python interpreter of <c>-m decnet.main</c>.</param>
/// <param name="Arguments">Everything after the command, exactly as it runs (for <c>-m decnet.main</c> these two words come first).</param>
/// <param name="WorkingDirectory">The folder it runs in, or null when it cannot be read.</param>
public sealed record RunningPydecnet(int Pid, string Command, IReadOnlyList<string> Arguments, string? WorkingDirectory)
{
    /// <summary>The config files on its command line, as full paths.</summary>
    public IReadOnlyList<string> ConfigFiles => PydecnetArguments.ConfigFiles(Arguments, WorkingDirectory ?? "/");

    /// <summary>Its command line as one line, for the user.</summary>
    public string Display => string.Join(' ', [Command, .. Arguments]);

    /// <summary>The value after <c>-L</c> or <c>--log-file</c>, or null.</summary>
    public string? LogFile
    {
        get
        {
            for (var i = 0; i + 1 < Arguments.Count; i++)
            {
                if (Arguments[i] is "-L" or "--log-file")
                    return Arguments[i + 1];
            }
            return Arguments.FirstOrDefault(a => a.StartsWith("--log-file=", StringComparison.Ordinal))?["--log-file=".Length..];
        }
    }
}
