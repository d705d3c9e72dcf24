using System.Net;
using HecnetJobs.Alerts;

namespace HecnetJobs.Web;

/// <summary>The <c>web</c> section: the optional read-only status page, <c>/status.json</c> and <c>/metrics</c> (docs/status-page.md).</summary>
public sealed class WebOptions
{
    /// <summary>The default address: loopback only, so nothing is reachable from the network until the owner says so.</summary>
    public static readonly IPEndPoint DefaultListen = new(IPAddress.Loopback, 8270);

    /// <summary>Whether the daemon serves the page at all. Default false: no port is opened and Kestrel is never loaded.</summary>
    public bool Enabled { get; init; }

    /// <summary>Where Kestrel listens. Default <c>127.0.0.1:8270</c>; port 0 takes any free port (the log line names it).</summary>
    public IPEndPoint Listen { get; init; } = DefaultListen;

    /// <summary>A bearer token (<c>Authorization: Bearer</c> or <c>?token=</c>), at least 16 characters; <c>HECNETJOBS_WEB_TOKEN</c> overrides it.</summary>
    public Secret? Token { get; init; }

    /// <summary>The basic-auth user name, with <see cref="Password"/>.</summary>
    public string? User { get; init; }

    /// <summary>The basic-auth password; <c>HECNETJOBS_WEB_PASSWORD</c> overrides it.</summary>
    public Secret? Password { get; init; }

    /// <summary>How often an idle live connection gets a keep-alive comment. 15 s; tests shorten it.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the store is looked at for changes while a page is open. 250 ms, so a restart of a second or less still shows.</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>True when a request must prove who it is (a token or a user is configured).</summary>
    public bool RequiresAuth => Token is not null || User is not null;
}
