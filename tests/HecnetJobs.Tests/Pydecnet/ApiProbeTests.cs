using System.Net.Sockets;
using System.Text;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>The API probe against real Unix sockets that answer, refuse, stay silent or say the wrong thing.</summary>
public sealed class ApiProbeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    // For probes that must be answered: generous, so a loaded machine cannot turn an answer into a timeout.
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(10);

    private readonly TempDir _dir = new();
    private readonly List<Socket> _sockets = [];

    private string SocketPath => _dir.File("api.sock");

    public void Dispose()
    {
        foreach (var socket in _sockets)
            socket.Dispose();
        _dir.Dispose();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_json_object_reply_is_an_answer()
    {
        Serve("""{"SAMPLE":["mop","routing","nsp","session","ncp"]}""" + "\n");

        Assert.Equal(new ApiProbeResult(ApiAnswer.Answered, "API answered"), await ProbeAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_whole_json_object_without_the_newline_is_an_answer_too()
    {
        Serve("""{"SAMPLE":[]}""", keepOpen: true);

        Assert.Equal(ApiAnswer.Answered, (await ProbeAsync()).Answer);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_reply_that_is_not_a_json_object_is_a_failure_that_quotes_it()
    {
        Serve("hello there\n");

        Assert.Equal(new ApiProbeResult(ApiAnswer.Failed, "API replied 'hello there', expected a JSON object"), await ProbeAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_long_wrong_reply_is_cut_at_60_characters()
    {
        Serve(new string('x', 100) + "\n");

        Assert.Equal($"API replied '{new string('x', 60)}...', expected a JSON object", (await ProbeAsync()).Detail);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_connection_closed_without_a_reply_is_a_failure()
    {
        Serve("");

        Assert.Equal(new ApiProbeResult(ApiAnswer.Failed, "API closed the connection without a reply"), await ProbeAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_listener_that_never_replies_is_a_timeout()
    {
        // What a SIGSTOPped PyDECnet does: the kernel accepts into the backlog, nobody reads.
        Bind().Listen(3);

        Assert.Equal(new ApiProbeResult(ApiAnswer.Timeout, "API socket accepted the connection but no reply within 200ms"), await ProbeWithShortTimeoutAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_listener_whose_backlog_is_full_still_does_not_count_as_answering()
    {
        // A PyDECnet stopped for longer than a few probes: its backlog of 3 fills up and connects fail at once.
        Bind().Listen(1);
        var results = new List<ApiProbeResult>();
        for (var i = 0; i < 4; i++)
            results.Add(await ProbeWithShortTimeoutAsync());

        Assert.All(results, r => Assert.Equal(ApiAnswer.Timeout, r.Answer));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_socket_file_nobody_listens_on_is_refused_as_left_behind()
    {
        Bind();

        Assert.Equal(
            new ApiProbeResult(ApiAnswer.Refused, $"API socket {SocketPath} refuses connections (left behind by a dead PyDECnet)"),
            await ProbeAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task No_socket_file_is_no_socket()
    {
        Assert.Equal(new ApiProbeResult(ApiAnswer.NoSocket, $"no API socket at {SocketPath}"), await ProbeAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_missing_socket_folder_is_named()
    {
        var path = _dir.File("gone/api.sock");

        var result = await ApiProbe.ProbeAsync(path, Timeout, CancellationToken.None);

        Assert.Equal(new ApiProbeResult(ApiAnswer.NoSocket, $"API socket folder {_dir.File("gone")} does not exist"), result);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        Bind().Listen(3);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ApiProbe.ProbeAsync(SocketPath, Timeout, cancelled.Token));
    }

    private Task<ApiProbeResult> ProbeAsync() => ApiProbe.ProbeAsync(SocketPath, Patient, CancellationToken.None);

    private Task<ApiProbeResult> ProbeWithShortTimeoutAsync() => ApiProbe.ProbeAsync(SocketPath, Timeout, CancellationToken.None);

    private Socket Bind()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _sockets.Add(socket);
        socket.Bind(new UnixDomainSocketEndPoint(SocketPath));
        return socket;
    }

    /// <summary>Accepts one connection, reads the request line, writes <paramref name="reply"/>, then closes (or waits for the client to).</summary>
    private void Serve(string reply, bool keepOpen = false)
    {
        var listener = Bind();
        listener.Listen(3);
        _ = Task.Run(async () =>
        {
            using var client = await listener.AcceptAsync();
            var buffer = new byte[256];
            var request = new StringBuilder();
            while (!request.ToString().Contains('\n', StringComparison.Ordinal))
            {
                var count = await client.ReceiveAsync(buffer, SocketFlags.None);
                if (count == 0)
                    return;
                request.Append(Encoding.UTF8.GetString(buffer, 0, count));
            }
            await client.SendAsync(Encoding.UTF8.GetBytes(reply), SocketFlags.None);
            if (keepOpen)
                await client.ReceiveAsync(buffer, SocketFlags.None);
        });
    }
}
