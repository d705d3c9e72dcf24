namespace HecnetJobs.Pydecnet;

/// <summary>The <c>pydecnet</c> section: how to find, probe, start and stop the owner's PyDECnet.</summary>
public sealed class PydecnetOptions
{
    /// <summary>The program that starts PyDECnet: the <c>pydecnet</c> console script, or a Python interpreter with <c>-m decnet.main</c> in <see cref="Arguments"/>. Required for the watchdog.</summary>
    public string? Command { get; init; }

    /// <summary>Arguments after the command, e.g. <c>["-L", "/var/log/pydecnet/node.log", "/etc/pydecnet/node.conf"]</c>. Default none.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Working directory of a started PyDECnet (its config's relative paths start here). Default: the data folder.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Where a started PyDECnet's stdout and stderr go (appended); start failures are read from here. Default <c>&lt;dataDir&gt;/pydecnet-console.log</c>.</summary>
    public required string ConsoleLog { get; init; }

    /// <summary>PyDECnet's own log file (<c>-L</c>), read for evidence; default: the value after <c>-L</c>/<c>--log-file</c> in the arguments.</summary>
    public string? LogFile { get; init; }

    /// <summary>PyDECnet's PID file; default: the value after <c>--pid-file</c> when the arguments contain <c>--daemon</c>, else none (processes are found by their command line).</summary>
    public string? PidFile { get; init; }

    /// <summary>PyDECnet's API socket (its <c>api</c> config line). Default <c>/tmp/decnetapi.sock</c>, PyDECnet's own default.</summary>
    public string ApiSocket { get; init; } = DefaultApiSocket;

    /// <summary>The HTTP monitor's port on 127.0.0.1 (<c>http --http-port N</c>); when set, the watchdog also checks that the main loop's counters move. Default none.</summary>
    public int? HttpPort { get; init; }

    /// <summary>PyDECnet's default API socket path.</summary>
    public const string DefaultApiSocket = "/tmp/decnetapi.sock";
}
