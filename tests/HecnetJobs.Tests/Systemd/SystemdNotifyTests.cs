using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Systemd;

public sealed class SystemdNotifyTests
{
    [Fact(Timeout = 120_000)]
    public async Task The_daemon_sends_ready_watchdog_pings_and_stopping_to_a_real_notify_socket()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("ok", "selftest"));
        var socketPath = fixture.Dir.File("notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var messages = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            while (!stop.IsCancellationRequested)
            {
                var count = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                messages.Enqueue(Encoding.UTF8.GetString(buffer, 0, count));
            }
        });

        var daemon = await fixture.StartDaemonAsync(new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = socketPath,
            ["WATCHDOG_USEC"] = "2000000",
        });
        string Dump() => string.Join(" | ", messages) + "\n" + daemon.Stderr;
        await Poll.UntilAsync(() => messages.Any(m => m.Contains("READY=1", StringComparison.Ordinal)), "READY=1", Dump);
        await Poll.UntilAsync(() => messages.Count(m => m == "WATCHDOG=1") >= 2, "two WATCHDOG=1 pings", Dump);

        daemon.Signal(Signals.SIGTERM);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Poll.UntilAsync(() => messages.Any(m => m.StartsWith("STOPPING=1", StringComparison.Ordinal)), "STOPPING=1", Dump);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receiving);

        Assert.Equal(0, daemon.ExitCode);
        var ready = messages.First(m => m.Contains("READY=1", StringComparison.Ordinal));
        Assert.Contains($"MAINPID={daemon.Pid}", ready, StringComparison.Ordinal);
        Assert.Contains("STATUS=running 1 job(s) from jobs.xml", ready, StringComparison.Ordinal);
    }
}
