using System.Net;
using System.Net.Sockets;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Jobs;

/// <summary>
/// Tells apart the causes of a down link, most basic first: PyDECnet not answering, this host's internet down (none of
/// the configured TCP endpoints accepts a connection), the circuit to the neighbour down (its JSON API state is not
/// <c>ru*</c>), or the far node unreachable while our circuit runs.
/// </summary>
public sealed class LinkDiagnoser(PydecnetOptions pydecnet, LinkProbeOptions options, TimeProvider time)
{
    public async Task<LinkDiagnosis> DiagnoseAsync(string target, CancellationToken cancellationToken)
    {
        var timeout = options.DiagnosisTimeout;
        var findings = new List<string>();
        var api = await ApiProbe.ProbeAsync(pydecnet.ApiSocket, timeout, cancellationToken);
        findings.Add($"PyDECnet API: {api.Detail}");
        if (!api.Answered)
            return new($"PyDECnet itself is not answering ({api.Detail}); the link may be fine, the watchdog deals with PyDECnet", findings);

        bool? internet = null;
        if (options.InternetCheck.Count > 0)
        {
            var results = await Task.WhenAll(options.InternetCheck.Select(e => ConnectAsync(e, timeout, cancellationToken)));
            findings.AddRange(results.Select(r => $"internet: {r.Detail}"));
            internet = results.Any(r => r.Answered);
            if (internet == false)
                return new($"this host's internet looks down: none of {Names(options.InternetCheck)} accepts a connection (check this host's network and the ISP)", findings);
        }

        if (options.Circuit is not { } circuit)
        {
            var works = internet == true ? "this host's internet works, so " : "";
            return new($"{works}the far node {target} or the way to it is unreachable (the circuit is not checked: set linkProbe.circuit to tell a dead circuit from a far node that is gone)", findings);
        }
        var reading = await CircuitProbe.ReadAsync(pydecnet.ApiSocket, circuit, timeout, cancellationToken);
        findings.Add(reading.Detail);
        if (reading.State is null)
            return new($"the far node {target} or the way to it is unreachable ({reading.Detail})", findings);
        if (!reading.Running)
        {
            var side = internet == true ? "this host's internet works, so the neighbour's end or the path to it is the likely cause (ask the neighbour)" : "the neighbour or the path to it is gone";
            return new($"the circuit {circuit} to the neighbour is down ({reading.State}): {side}", findings);
        }
        var via = reading.Neighbor is null ? "" : $" (neighbour {reading.Neighbor} is adjacent)";
        return new($"the far node {target} is unreachable while our circuit {circuit} runs{via}: the problem is beyond the neighbour (ask {target}'s owner)", findings);
    }

    private async Task<(bool Answered, string Detail)> ConnectAsync(DnsEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var name = Name(endpoint);
        var started = time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
            return (true, $"{name} accepted a connection in {(long)time.GetElapsedTime(started).TotalMilliseconds} ms");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"{name} did not answer within {Config.Duration.Format(timeout)}");
        }
        catch (SocketException e)
        {
            return (false, $"{name} failed ({e.SocketErrorCode}: {e.Message})");
        }
    }

    private static string Name(DnsEndPoint endpoint) =>
        endpoint.Host.Contains(':', StringComparison.Ordinal) ? $"[{endpoint.Host}]:{endpoint.Port}" : $"{endpoint.Host}:{endpoint.Port}";

    private static string Names(IEnumerable<DnsEndPoint> endpoints) => string.Join(", ", endpoints.Select(Name));
}
