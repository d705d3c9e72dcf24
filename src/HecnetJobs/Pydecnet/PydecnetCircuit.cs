using System.Net;

namespace HecnetJobs.Pydecnet;

/// <summary>One <c>circuit</c> line of the PyDECnet config: name, datalink type, device and options, with the peer to probe when it has one.</summary>
/// <param name="Name">The circuit name, upper case as PyDECnet shows it (<c>DMC-0</c>).</param>
/// <param name="Type">The datalink type as written (<c>DDCMP</c>, <c>Multinet</c>, <c>Ethernet</c>, ...), or null when missing.</param>
/// <param name="Device">The optional third word (the old <c>tcp:lport:host:rport</c> style connection string), or null.</param>
/// <param name="Options">Each <c>--option</c> under its full name (abbreviations expanded), with its value, or null for a switch.</param>
/// <param name="PeerEndpoint">
/// The peer's TCP host and port when the circuit connects out over TCP (DDCMP <c>--mode tcp</c> or <c>telnet</c>,
/// Multinet <c>--mode connect</c>, or the same in the old device string); null otherwise.
/// </param>
/// <param name="File">The full path of the file holding the line.</param>
/// <param name="Line">The 1-based line number.</param>
public sealed record PydecnetCircuit(
    string Name,
    string? Type,
    string? Device,
    IReadOnlyDictionary<string, string?> Options,
    DnsEndPoint? PeerEndpoint,
    string File,
    int Line);
