using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HecnetJobs.Alerts;
using HecnetJobs.Config;

namespace HecnetJobs.Setup;

public sealed partial class AnswerRules
{
    /// <summary>The word that chooses <c>.eml</c> files instead of a mail server.</summary>
    public const string Eml = "eml";

    /// <summary>The mail channel: <c>eml</c> (null) or the SMTP server's host name.</summary>
    public static Parsed<string?> MailServer(string text)
    {
        if (text.Equals(Eml, StringComparison.OrdinalIgnoreCase))
            return Parsed.Ok<string?>(null);
        if (text.Contains('@', StringComparison.Ordinal))
            return Parsed.Bad<string?>($"'{text}' is a mail address; give the mail server's host name (e.g. smtp.gmail.com), or eml");
        if (text.Contains("://", StringComparison.Ordinal) || (text.Contains(':', StringComparison.Ordinal) && !IPAddress.TryParse(text, out _)))
            return Parsed.Bad<string?>($"'{text}' is not a host name; give only the name (e.g. smtp.gmail.com), the port is the next question");
        return HostName().IsMatch(text) || IPAddress.TryParse(text, out _)
            ? Parsed.Ok<string?>(text.ToLowerInvariant())
            : Parsed.Bad<string?>($"'{text}' is not a host name (e.g. smtp.gmail.com), or eml for mail files");
    }

    /// <summary>A TCP port, 1 to 65535.</summary>
    public static Parsed<int> Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? Parsed.Ok<int>(port)
            : Parsed.Bad<int>($"'{text}' is not a port number from 1 to 65535 (e.g. 587)");

    /// <summary>The SMTP login name, or <c>none</c> for a server that takes mail without one.</summary>
    public static Parsed<string?> SmtpUser(string text)
    {
        if (text == None)
            return Parsed.Ok<string?>(null);
        return text.Any(char.IsWhiteSpace) || text.Any(char.IsControl)
            ? Parsed.Bad<string?>($"'{text}' is not a login name (no spaces; e.g. you@gmail.com), or none")
            : Parsed.Ok<string?>(text);
    }

    /// <summary>The security that goes with a server and port: TLS from the start on 465, none for a server on this machine, else STARTTLS.</summary>
    public static string SecurityFor(string host, int port) =>
        port == 465 ? SmtpSecurity.Tls : ConfigLoader.IsLoopback(host) ? SmtpSecurity.None : SmtpSecurity.StartTls;

    /// <summary>The SMTP security, one of <c>starttls</c>, <c>tls</c>, <c>none</c>.</summary>
    public static Parsed<string> Security(string text) =>
        SmtpSecurity.All.Contains(text.ToLowerInvariant())
            ? Parsed.Ok<string>(text.ToLowerInvariant())
            : Parsed.Bad<string>($"'{text}' is not {string.Join(", ", SmtpSecurity.All)}");

    /// <summary>Mail addresses, separated by spaces or commas; at least one.</summary>
    public static Parsed<IReadOnlyList<string>> MailAddresses(string text)
    {
        var addresses = text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (addresses.Find(a => !ConfigLoader.IsMailAddress(a)) is { } bad)
            return Parsed.Bad<IReadOnlyList<string>>($"'{bad}' is not a mail address (e.g. you@example.org)");
        return addresses.Count > 0
            ? Parsed.Ok<IReadOnlyList<string>>(addresses)
            : Parsed.Bad<IReadOnlyList<string>>("name at least one address (e.g. you@example.org)");
    }

    /// <summary>One mail address, for the sender.</summary>
    public static Parsed<string> MailAddress(string text) =>
        ConfigLoader.IsMailAddress(text) && !text.Any(char.IsWhiteSpace)
            ? Parsed.Ok<string>(text)
            : Parsed.Bad<string>($"'{text}' is not a mail address (e.g. hecnetjobs@example.org)");

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
