using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace HecnetJobs.Pydecnet;

public sealed partial class PydecnetConfigReader
{
    /// <summary>The Multinet port when the old device string names none.</summary>
    private const int MultinetDefaultPort = 700;

    /// <summary>
    /// The peer a circuit connects to over TCP, for a reachability check: DDCMP in <c>tcp</c> or <c>telnet</c> mode (it
    /// listens and connects at once) and Multinet in <c>connect</c> mode. UDP and Multinet <c>listen</c> circuits have
    /// no peer that accepts a TCP connection.
    /// </summary>
    private static DnsEndPoint? PeerOf(Line at, string? type, string? device, Arguments circuit)
    {
        // --remote-address and --remote-port are the current names; --destination and --dest-port the older ones.
        var mode = circuit.Value("--mode");
        var host = circuit.Value("--remote-address") ?? circuit.Value("--destination");
        var portKey = circuit.Options.ContainsKey("--remote-port") ? "--remote-port" : "--dest-port";
        int? port = circuit.Options.TryGetValue(portKey, out var portText) ? ParsePort(at, $"circuit {portKey}", portText, min: 1) : null;

        switch (type)
        {
            case "DDCMP":
                // Before --mode, the device word said it all: mode:localport:host:remoteport.
                if (mode is null && device?.Split(':') is [var proto, _, var legacyHost, var legacyPort])
                    (mode, host, port) = (proto, legacyHost, PortOrNull(legacyPort));
                return IsMode(mode, "tcp") || IsMode(mode, "telnet") ? Endpoint(host, port) : null;
            case "Multinet":
                // Before --mode: host:port:connect, host:port:listen or host:port (UDP); an empty port means 700.
                if (mode is null && device is not null && LegacyMultinetDevice().Match(device) is { Success: true } m)
                {
                    host = m.Groups[1].Value;
                    port = m.Groups[2].Length == 0 ? MultinetDefaultPort : PortOrNull(m.Groups[2].Value);
                    mode = m.Groups[3].Success ? "connect" : m.Groups[4].Success ? "listen" : "udp";
                }
                return IsMode(mode, "connect") ? Endpoint(host, port) : null;
            default:
                return null;
        }
    }

    private static bool IsMode(string? mode, string expected) => string.Equals(mode, expected, StringComparison.OrdinalIgnoreCase);

    private static DnsEndPoint? Endpoint(string? host, int? port) =>
        string.IsNullOrEmpty(host) || port is not { } p ? null : new DnsEndPoint(host, p);

    private static int? PortOrNull(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;

    [GeneratedRegex(@"^(.*?):(\d*)(?:(:connect)|(:listen)|(:\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyMultinetDevice();
}
