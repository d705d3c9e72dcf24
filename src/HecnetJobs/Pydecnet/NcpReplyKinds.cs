namespace HecnetJobs.Pydecnet;

/// <summary>The stable words of <see cref="NcpReply.Kind"/>, spelled once here.</summary>
public static class NcpReplyKinds
{
    /// <summary>The target's row says <c>Reachable</c> (Up); for a node outside the executor's area this only means its area is reachable.</summary>
    public const string Reachable = "reachable";

    /// <summary>The target's row says <c>Unreachable</c> (Down).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The target is the node ncp asked, so ncp printed the executor block (Up).</summary>
    public const string Executor = "executor";

    /// <summary><c>Error reply from NML: Unrecognized component</c>: ncp does not know the name or address (Unknown, a configuration error).</summary>
    public const string UnknownComponent = "unknown-component";

    /// <summary>ncp rejected or failed the command: <c>Error processing command:</c>, another NML error, or a Python traceback (Unknown).</summary>
    public const string CommandError = "command-error";

    /// <summary>ncp printed <c>No information</c> (Unknown).</summary>
    public const string NoInformation = "no-information";

    /// <summary>ncp exited with <c>FileNotFoundError</c>: there is no API socket, so PyDECnet is not running (Unknown).</summary>
    public const string NotRunning = "not-running";

    /// <summary>ncp exited with <c>ConnectionRefusedError</c>: the API socket file was left behind and PyDECnet is not running (Unknown).</summary>
    public const string StaleSocket = "stale-socket";

    /// <summary>ncp was killed after the caller's timeout: PyDECnet accepts the connection but does not answer, so it is hung (Unknown).</summary>
    public const string Timeout = "timeout";

    /// <summary>ncp itself could not be started (not executable, removed since the check at start-up); set by the runner, never by the parser (Unknown).</summary>
    public const string Launch = "launch";

    /// <summary>Anything else, including a target row with a blank State (Unknown).</summary>
    public const string Unrecognised = "unrecognised";

    /// <summary>Not ncp at all: a <c>circuit:NAME</c> target read through the JSON API (Up when running, Down otherwise, Unknown without an answer).</summary>
    public const string Circuit = "circuit";
}
