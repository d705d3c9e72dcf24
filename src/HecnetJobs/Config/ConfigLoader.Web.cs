using System.Globalization;
using System.Net;
using HecnetJobs.Alerts;
using HecnetJobs.Web;

namespace HecnetJobs.Config;

/// <summary>The <c>web</c> and <c>metrics</c> sections: the status page and the node_exporter textfile.</summary>
public static partial class ConfigLoader
{
    /// <summary>Overrides <c>web.token</c>, so the token need not sit in the config file.</summary>
    public const string WebTokenVariable = "HECNETJOBS_WEB_TOKEN";

    /// <summary>Overrides <c>web.password</c>.</summary>
    public const string WebPasswordVariable = "HECNETJOBS_WEB_PASSWORD";

    /// <summary>The shortest token accepted: a short one can be guessed over the network.</summary>
    public const int WebTokenMinLength = 16;

    private const string ListenExample = "\"127.0.0.1:8270\", \"0.0.0.0:8270\" for every interface, \"[::1]:8270\"";

    private static WebOptions ReadWeb(JsonSection section, ConfigErrors errors)
    {
        var enabled = section.Bool("enabled", false);
        var listen = ReadListen(section);
        var errorsBefore = errors.Lines.Count;
        var fileToken = section.SecretString("token");
        var token = NonEmpty(Environment.GetEnvironmentVariable(WebTokenVariable)) ?? fileToken;
        if (token is not null && token.Length < WebTokenMinLength)
        {
            var where = token == fileToken ? "is" : $"${WebTokenVariable} is";
            section.Error("token", $"{where} shorter than {WebTokenMinLength} characters (the value is not shown: it is a secret); use a long random one, e.g. from 'openssl rand -hex 16'");
            token = null;
        }
        var user = section.String("user", example: "\"owner\"");
        if (user is not null && user.Contains(':', StringComparison.Ordinal))
        {
            section.Error("user", $"'{user}' contains ':', which basic authentication cannot carry in a user name");
            user = null;
        }
        var filePassword = section.SecretString("password");
        var password = NonEmpty(Environment.GetEnvironmentVariable(WebPasswordVariable)) ?? filePassword;
        if (user is not null && password is null && errors.Lines.Count == errorsBefore)
            section.Error("password", $"missing for user '{user}'; set it here or in ${WebPasswordVariable}");
        if (user is null && filePassword is not null && errors.Lines.Count == errorsBefore)
            section.Error("password", "is set but web.user is missing; give both or neither");
        var authenticated = token is not null || (user is not null && password is not null);
        if (enabled && listen is not null && !IPAddress.IsLoopback(listen.Address) && !authenticated && errors.Lines.Count == errorsBefore)
        {
            section.Error("listen", $"'{Show(listen)}' is not a loopback address, so the page needs web.token (or ${WebTokenVariable}) or web.user and web.password; or listen on \"127.0.0.1:{listen.Port.ToString(CultureInfo.InvariantCulture)}\"");
        }
        section.Finish();
        return new WebOptions
        {
            Enabled = enabled,
            Listen = listen ?? WebOptions.DefaultListen,
            Token = token is null ? null : new Secret(token),
            User = user is not null && password is not null ? user : null,
            Password = user is not null && password is not null ? new Secret(password) : null,
        };
    }

    private static IPEndPoint? ReadListen(JsonSection section)
    {
        if (section.String("listen", example: ListenExample) is not { } text)
            return null;
        var match = HostPort().Match(text.Trim());
        if (match.Success && int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            var host = match.Groups["v6"].Success ? match.Groups["v6"].Value : match.Groups["host"].Value;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
                return new IPEndPoint(IPAddress.Loopback, port);
            if (IPAddress.TryParse(host, out var address) && (match.Groups["v6"].Success || address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
                return new IPEndPoint(address, port);
        }
        section.Error("listen", $"'{text}' is not an IP address and port from 0 to 65535 (e.g. {ListenExample})");
        return null;
    }

    private static MetricsOptions ReadMetrics(JsonSection section, string baseDir)
    {
        var textfile = Absolute(baseDir, section.String("textfile", example: "\"/var/lib/prometheus/node-exporter/hecnetjobs.prom\""));
        if (textfile is not null && !textfile.EndsWith(".prom", StringComparison.Ordinal))
        {
            section.Error("textfile", $"'{textfile}' does not end in .prom (node_exporter's textfile collector reads only *.prom files)");
            textfile = null;
        }
        else if (textfile is not null && Path.GetDirectoryName(textfile) is { } folder && !Directory.Exists(folder))
        {
            section.Error("textfile", $"'{textfile}': its folder does not exist (it must be node_exporter's --collector.textfile.directory)");
            textfile = null;
        }
        section.Finish();
        return new MetricsOptions { Textfile = textfile };
    }

    /// <summary>An endpoint as the user writes it: IPv6 in brackets.</summary>
    internal static string Show(IPEndPoint endpoint) =>
        endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{endpoint.Address}]:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{endpoint.Address}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
}
