using System.Globalization;

namespace HecnetJobs.Pydecnet;

public sealed partial class PydecnetConfigReader
{
    /// <summary>What one top-level config file and its includes say: PyDECnet keeps each top-level file as a separate system.</summary>
    private sealed class Scan(string apiSocketDefault)
    {
        private readonly List<(NodeId Id, string Name)> _nodes = [];

        /// <summary>This node's address; the last <c>routing</c> line wins, as in PyDECnet.</summary>
        public NodeId? Routing { get; private set; }

        public string? ApiSocket { get; private set; }

        public HttpPorts? Http { get; private set; }

        public PydecnetCircuit? FirstCircuit { get; private set; }

        public void Add(Line at, List<string> words)
        {
            var args = words.GetRange(1, words.Count - 1);
            switch (words[0])
            {
                case "routing":
                    Routing = RoutingId(at, Arguments.Parse("routing", args));
                    break;
                case "node":
                    AddNode(Arguments.Parse("node", args));
                    break;
                case "api":
                    // "api" with no path means $DECNETAPI or /tmp/decnetapi.sock; no "api" line at all means no socket.
                    ApiSocket = Arguments.Parse("api", args).Positionals is [var path, ..] ? path : apiSocketDefault;
                    break;
                case "http":
                    var http = Arguments.Parse("http", args);
                    Http = new HttpPorts(
                        Port(at, http, "--http-port", DefaultHttpPort),
                        Port(at, http, "--https-port", DefaultHttpsPort),
                        http.Value("--local-address") ?? http.Value("--source"));
                    break;
                case "circuit" when FirstCircuit is null:
                    FirstCircuit = Circuit(at, Arguments.Parse("circuit", args));
                    break;
                default:
                    // PyDECnet has many more components; none of them matters to HecnetJobs.
                    break;
            }
        }

        /// <summary>The name of the first <c>node</c> line whose address is this node's; a bare node number means this node's area.</summary>
        public string? OwnName()
        {
            if (Routing is not { } own)
                return null;
            foreach (var (id, name) in _nodes)
            {
                if ((id.Area == 0 ? id with { Area = own.Area } : id) == own)
                    return name;
            }
            return null;
        }

        private static NodeId RoutingId(Line at, Arguments routing)
        {
            if (routing.Positionals is not [var text, ..])
                throw Fail(at, "'routing': missing the node address (e.g. routing 9.54 --type l2router)");
            return NodeId.TryParse(text, out var id)
                ? id
                : throw Fail(at, $"'routing': '{text}' is not a DECnet node address (area.node, area 1 to 63, node 1 to 1023, e.g. 9.54)");
        }

        private void AddNode(Arguments node)
        {
            // A bad node line stops PyDECnet, which says why; here it only cannot name this node.
            if (node.Positionals is [var address, var name, ..] && name.Length > 0 && NodeId.TryParse(address, out var id))
                _nodes.Add((id, name.ToUpperInvariant()));
        }

        private static int? Port(Line at, Arguments http, string option, int defaultPort)
        {
            if (!http.Options.TryGetValue(option, out var text))
                return defaultPort;
            var port = ParsePort(at, $"http {option}", text, min: 0);
            return port == 0 ? null : port;
        }

        private static PydecnetCircuit? Circuit(Line at, Arguments circuit)
        {
            if (circuit.Positionals is not [var name, ..])
                return null;
            var type = circuit.Positionals.ElementAtOrDefault(1);
            var device = circuit.Positionals.ElementAtOrDefault(2);
            return new PydecnetCircuit(
                name.ToUpperInvariant(), type, device, circuit.Options, PeerOf(at, type, device, circuit), at.File, at.Number);
        }
    }

    /// <summary>Parses a TCP port number given as the value of <paramref name="key"/>, or says which line holds a bad one.</summary>
    private static int ParsePort(Line at, string key, string? text, int min)
    {
        if (text is null)
            throw Fail(at, $"'{key}': missing the port number");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port >= min && port <= 65535
            ? port
            : throw Fail(at, $"'{key}': '{text}' is not a port number from {min} to 65535");
    }

    /// <summary>The ports of an <c>http</c> line; null where the port is 0 (turned off).</summary>
    private sealed record HttpPorts(int? HttpPort, int? HttpsPort, string? Address);
}
