using System.Diagnostics;
using System.Text.Json;
using MimeKit;

namespace HecnetJobs.Tests.Support;

/// <summary>
/// A real SMTP server: Debian's python3-aiosmtpd running Support/smtp_server.py on a loopback port. Every accepted
/// message lands in <see cref="Folder"/>; the tests read it back with MimeKit.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    /// <summary>Debian's interpreter, which has python3-aiosmtpd (a pyenv python on PATH would not).</summary>
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;

    private SmtpTestServer(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>Starts the server and waits for its "ready PORT" line.</summary>
    /// <param name="port">0 for a free port; a given one for a server that comes back where a test expected it.</param>
    public static async Task<SmtpTestServer> StartAsync(string folder, int port = 0, string? auth = null, TestCertificate? startTls = null, TestCertificate? tls = null)
    {
        Directory.CreateDirectory(folder);
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "HecnetJobs.Tests", "Support", "smtp_server.py"));
        info.ArgumentList.Add("--dir");
        info.ArgumentList.Add(folder);
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (auth is not null)
        {
            info.ArgumentList.Add("--auth");
            info.ArgumentList.Add(auth);
        }
        foreach (var (option, certificate) in new[] { ("--starttls", startTls), ("--tls", tls) })
        {
            if (certificate is null)
                continue;
            info.ArgumentList.Add(option);
            info.ArgumentList.Add(certificate.CertificateFile);
            info.ArgumentList.Add(certificate.KeyFile);
        }
        var process = Process.Start(info)!;
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready is null || !ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"smtp_server.py did not start (is python3-aiosmtpd installed? apt-get install python3-aiosmtpd): {ready}\n{error}");
        }
        return new SmtpTestServer(process, int.Parse(ready[6..], System.Globalization.CultureInfo.InvariantCulture), folder);
    }

    /// <summary>A loopback port nobody listens on (for "the server is down").</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<ReceivedMail> Messages =>
        Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(path =>
        {
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".json")));
            var root = meta.RootElement;
            return new ReceivedMail(
                MimeMessage.Load(path),
                root.GetProperty("mail_from").GetString()!,
                [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()!)],
                root.GetProperty("login").GetString(),
                root.GetProperty("tls").GetBoolean());
        }).ToList();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
