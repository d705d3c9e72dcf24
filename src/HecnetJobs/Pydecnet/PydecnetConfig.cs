namespace HecnetJobs.Pydecnet;

/// <summary>What HecnetJobs learns from the owner's PyDECnet config files (see <see cref="PydecnetConfigReader"/>).</summary>
public sealed record PydecnetConfig
{
    /// <summary>The top-level config files read, as full paths, in the order given (as on PyDECnet's command line).</summary>
    public required IReadOnlyList<string> ConfigFiles { get; init; }

    /// <summary>The API socket path from the first <c>api</c> line, as written; null when no file has an <c>api</c> line, because then PyDECnet opens no API socket.</summary>
    /// <remarks>A relative path is relative to PyDECnet's working directory, not to the config file.</remarks>
    public required string? ApiSocketPath { get; init; }

    /// <summary>The HTTP monitor port from the first <c>http</c> line (8000 unless <c>--http-port</c> says otherwise); null when there is no <c>http</c> line or the port is 0.</summary>
    public required int? HttpPort { get; init; }

    /// <summary>The HTTPS monitor port (8443 unless <c>--https-port</c> says otherwise); null when there is no <c>http</c> line or the port is 0.</summary>
    public required int? HttpsPort { get; init; }

    /// <summary>The address the HTTP monitor binds to (<c>--local-address</c> or the old <c>--source</c>); null means all addresses.</summary>
    public required string? HttpAddress { get; init; }

    /// <summary>This node's address from the <c>routing</c> line as <c>area.node</c> (<c>9.54</c>); null when no file has a <c>routing</c> line.</summary>
    public required string? OwnAddress { get; init; }

    /// <summary>This node's name, upper case, from the first <c>node</c> line with <see cref="OwnAddress"/> in the same top-level file; null when there is none.</summary>
    public required string? OwnName { get; init; }

    /// <summary>The names files included, in file order: every <c>node @file</c>, and every <c>@file</c> that holds nothing but <c>node</c> lines.</summary>
    public required IReadOnlyList<PydecnetNamesInclude> NamesIncludes { get; init; }

    /// <summary>The first <c>circuit</c> line of this node's config file; null when there is none.</summary>
    public required PydecnetCircuit? FirstCircuit { get; init; }
}
