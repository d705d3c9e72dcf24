using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace HecnetJobs.Alerts;

/// <summary>
/// Sends through a mail server with MailKit: one connection per message, STARTTLS or implicit TLS with the server's
/// certificate validated (optionally against one extra CA), login when a user is configured. No protocol log is kept,
/// so the login never reaches a file; errors carry the server's own reply with any secret blanked out.
/// </summary>
public sealed class SmtpChannel(SmtpOptions options) : IAlertChannel
{
    public const string ChannelName = "smtp";

    public string Name => ChannelName;

    public string MinSeverity => options.MinSeverity;

    public string Target => $"{options.Host}:{options.Port}";

    public async Task<string> SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var mime = MailMessages.Build(message, options.From, options.To);
        string? certificateProblem = null;
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        client.ServerCertificateValidationCallback = (_, certificate, chain, errors) => Validate(options.CaFile, certificate, chain, errors, out certificateProblem);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // MailKit's Timeout covers each read and write; this bounds the whole exchange, connect included.
        deadline.CancelAfter(options.Timeout * 2);
        try
        {
            var security = options.Security switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(options.Host, options.Port, security, deadline.Token);
            if (options.User is { } user && options.Password is { } password)
                await client.AuthenticateAsync(user, password.Reveal(), deadline.Token);
            var reply = await client.SendAsync(mime, deadline.Token);
            await client.DisconnectAsync(quit: true, deadline.Token);
            return OneLine(reply);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (Describe(e, certificateProblem) is { } text)
        {
            throw new AlertDeliveryException(Redact(text), e);
        }
    }

    /// <summary>The one line a person reads for a failure MailKit reported, or null for an exception that is a bug.</summary>
    private string? Describe(Exception e, string? certificateProblem) => e switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {OneLine(command.Message)}",
        AuthenticationException auth => auth.InnerException is SmtpCommandException inner
            ? $"{(int)inner.StatusCode} {OneLine(inner.Message)}"
            : OneLine(auth.Message),
        SslHandshakeException => $"TLS with {Target} failed: {certificateProblem ?? "the handshake failed (is the port for \"" + options.Security + "\"?)"}",
        SocketException socket => $"cannot connect to {Target}: {socket.Message}",
        OperationCanceledException or TimeoutException => $"no answer from {Target} within {Config.Duration.Format(options.Timeout)}",
        IOException io when io.InnerException is TimeoutException => $"no answer from {Target} within {Config.Duration.Format(options.Timeout)}",
        IOException io => $"connection to {Target} failed: {OneLine(io.Message)}",
        SmtpProtocolException protocol => $"{Target}: {OneLine(protocol.Message)}",
        ServiceNotAuthenticatedException => $"{Target} asks for a login; set alerts.smtp.user and the password",
        NotSupportedException unsupported => $"{Target}: {OneLine(unsupported.Message)}",
        _ => null,
    };

    /// <summary>The system's certificate check, plus one extra trusted root when configured; says in words why a certificate is refused.</summary>
    private static bool Validate(string? caFile, X509Certificate? certificate, X509Chain? systemChain, SslPolicyErrors errors, out string? problem)
    {
        problem = null;
        if (errors == SslPolicyErrors.None)
            return true;
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            problem = "the server sent no certificate";
            return false;
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            problem = $"the certificate is not for this host name ({certificate.Subject})";
            return false;
        }
        if (caFile is null)
        {
            var status = systemChain?.ChainStatus.Select(s => s.Status.ToString()).Distinct() ?? [];
            problem = $"the certificate is not trusted ({string.Join(", ", status)}); for a private CA set alerts.smtp.caFile";
            return false;
        }
        using var ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        // A private CA publishes no revocation list.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(server))
            return true;
        problem = $"the certificate is not trusted ({string.Join(", ", chain.ChainStatus.Select(s => s.Status))}; alerts.smtp.caFile is {caFile})";
        return false;
    }

    private string Redact(string text) => options.Password?.Redact(text) ?? text;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
