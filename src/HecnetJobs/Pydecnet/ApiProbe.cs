using System.Net.Sockets;
using System.Text;

namespace HecnetJobs.Pydecnet;

/// <summary>How PyDECnet's API socket answered the one-line request <c>{}</c>.</summary>
public enum ApiAnswer
{
    /// <summary>A JSON object came back: the API thread is alive.</summary>
    Answered,

    /// <summary>No socket file: PyDECnet is not running, or runs without an API (bind failure).</summary>
    NoSocket,

    /// <summary>The file exists but nobody listens (connection refused): a socket left behind by a dead PyDECnet.</summary>
    Refused,

    /// <summary>Connected, but no reply within the timeout: what a stopped (SIGSTOP) or wedged PyDECnet does.</summary>
    Timeout,

    /// <summary>Any other failure, or a reply that is not a JSON object.</summary>
    Failed,
}

/// <summary>The result of one probe, with a short phrase for a person.</summary>
public sealed record ApiProbeResult(ApiAnswer Answer, string Detail)
{
    public bool Answered => Answer == ApiAnswer.Answered;
}

/// <summary>The cheapest liveness check: <c>{}</c> on PyDECnet's API Unix socket, with connect and read timeouts.</summary>
public static class ApiProbe
{
    public static async Task<ApiProbeResult> ProbeAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await RequestAsync(socketPath, "{}", timeout, cancellationToken)).Result;

    /// <summary>Sends one request line and reads one reply line; the reply is set when the API answered with a JSON object.</summary>
    internal static async Task<(ApiProbeResult Result, string? Reply)> RequestAsync(string socketPath, string request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath) && !Directory.Exists(Path.GetDirectoryName(socketPath)))
            return (new(ApiAnswer.NoSocket, $"API socket folder {Path.GetDirectoryName(socketPath)} does not exist"), null);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var phase = "connect";
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token);
            phase = "reply";
            await socket.SendAsync(Encoding.UTF8.GetBytes(request + "\n"), SocketFlags.None, deadline.Token);
            var reply = await ReadLineAsync(socket, deadline.Token);
            var text = reply.Trim();
            if (text.StartsWith('{') && text.EndsWith('}'))
                return (new(ApiAnswer.Answered, "API answered"), text);
            return (new(ApiAnswer.Failed, text.Length == 0 ? "API closed the connection without a reply" : $"API replied '{Shorten(text)}', expected a JSON object"), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (new(ApiAnswer.Timeout, phase == "connect"
                ? $"API socket did not accept a connection within {Config.Duration.Format(timeout)}"
                : $"API socket accepted the connection but no reply within {Config.Duration.Format(timeout)}"), null);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported || !File.Exists(socketPath))
        {
            return (new(ApiAnswer.NoSocket, $"no API socket at {socketPath}"), null);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return (new(ApiAnswer.Refused, $"API socket {socketPath} refuses connections (left behind by a dead PyDECnet)"), null);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.TryAgain)
        {
            // The listen backlog is full: a process holds the socket but has stopped accepting connections.
            return (new(ApiAnswer.Timeout, $"API socket {socketPath} accepts no more connections (its backlog is full: PyDECnet stopped accepting)"), null);
        }
        catch (SocketException e)
        {
            return (new(ApiAnswer.Failed, $"API socket {socketPath}: {e.Message}"), null);
        }
    }

    /// <summary>
    /// True when nothing listens on the socket file (connection refused), decided without waiting: a non-blocking
    /// connect to a Unix socket completes, fails with "refused", or fails with "try again" (a listener whose backlog is
    /// full) at once. A timeout must never make a live PyDECnet's socket look stale.
    /// </summary>
    public static bool NobodyListens(string socketPath)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return false;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.ConnectionRefused;
        }
    }

    private static async Task<string> ReadLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (text.Length < 65536)
        {
            var count = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (count == 0)
                break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, count));
            var sofar = text.ToString();
            // One reply is one line; a reply without the newline still counts once it is a whole JSON object.
            if (sofar.Contains('\n', StringComparison.Ordinal) || IsWholeObject(sofar))
                break;
        }
        var all = text.ToString();
        var newline = all.IndexOf('\n', StringComparison.Ordinal);
        return newline >= 0 ? all[..newline] : all;
    }

    private static bool IsWholeObject(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('{') || !trimmed.EndsWith('}'))
            return false;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(trimmed);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "..." : text;
}
