using System.Net;
using System.Net.Sockets;
using HecnetJobs.Jobs;

namespace HecnetJobs.Tests.Jobs;

/// <summary>The diagnosis line of a "down" alert: which failure it looks like, from the simulator's API and real TCP connects on loopback.</summary>
public sealed class LinkProbeDiagnosisTests : IAsyncLifetime, IDisposable
{
    private LinkProbeSimulator _sim = null!;
    private LinkProbeRig _rig = null!;

    public async Task InitializeAsync()
    {
        _sim = await LinkProbeSimulator.StartAsync();
        _rig = new LinkProbeRig(_sim);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _rig?.Dispose();
        _sim?.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_neighbour_gone_is_diagnosed_as_the_circuit_down()
    {
        await _sim.CtlAsync("unreachable", "MIM");

        var body = await DownAlertBodyAsync(LinkProbeRig.Probe(downAfter: 1, circuit: "DMC-0"));

        Assert.Contains("\nDiagnosis: the circuit DMC-0 to the neighbour is down (ds): the neighbour or the path to it is gone.\n", body);
        Assert.Contains("\n  circuit DMC-0 is not running (ds: datalink started, waiting for the neighbour), no neighbour\n", body);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_far_node_gone_while_the_circuit_runs_is_diagnosed_as_beyond_the_neighbour()
    {
        await _sim.CtlAsync("unreachable", "ERNIE");

        var body = await DownAlertBodyAsync(LinkProbeRig.Probe(downAfter: 1, circuit: "DMC-0", targets: ["ERNIE"]));

        Assert.Contains("\nDiagnosis: the far node ERNIE is unreachable while our circuit DMC-0 runs (neighbour 1.13 is adjacent): the problem is beyond the neighbour (ask ERNIE's owner).\n", body);
        Assert.Contains("\n  circuit DMC-0 is running (ru4l2), neighbour 1.13\n", body);
    }

    [Fact(Timeout = 60_000)]
    public async Task No_internet_endpoint_answering_is_diagnosed_as_this_host_s_internet_down()
    {
        var closed = ClosedPort();
        await _sim.CtlAsync("unreachable", "MIM");
        var options = LinkProbeRig.Probe(downAfter: 1, circuit: "DMC-0");
        options = With(options, internet: [new DnsEndPoint("127.0.0.1", closed)]);

        var body = await DownAlertBodyAsync(options);

        Assert.Contains($"\nDiagnosis: this host's internet looks down: none of 127.0.0.1:{closed} accepts a connection (check this host's network and the ISP).\n", body);
        Assert.Contains($"\n  internet: 127.0.0.1:{closed} failed (ConnectionRefused: Connection refused)\n", body);
    }

    [Fact(Timeout = 60_000)]
    public async Task With_the_internet_working_a_dead_circuit_points_at_the_neighbour()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await _sim.CtlAsync("unreachable", "MIM");
        var options = With(LinkProbeRig.Probe(downAfter: 1, circuit: "DMC-0"), internet: [new DnsEndPoint("127.0.0.1", ClosedPort()), new DnsEndPoint("127.0.0.1", port)]);

        var body = await DownAlertBodyAsync(options);

        Assert.Contains("\nDiagnosis: the circuit DMC-0 to the neighbour is down (ds): this host's internet works, so the neighbour's end or the path to it is the likely cause (ask the neighbour).\n", body);
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_a_configured_circuit_the_diagnosis_says_how_to_tell_more()
    {
        await _sim.CtlAsync("unreachable", "MIM");

        var body = await DownAlertBodyAsync(LinkProbeRig.Probe(downAfter: 1));

        Assert.Contains("\nDiagnosis: the far node MIM or the way to it is unreachable (the circuit is not checked: set linkProbe.circuit to tell a dead circuit from a far node that is gone).\n", body);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_circuit_pydecnet_does_not_have_is_named_in_the_findings()
    {
        await _sim.CtlAsync("unreachable", "MIM");

        var body = await DownAlertBodyAsync(LinkProbeRig.Probe(downAfter: 1, circuit: "NOPE-1"));

        Assert.Contains("\nDiagnosis: the far node MIM or the way to it is unreachable (PyDECnet does not report circuit NOPE-1: Unknown circuit).\n", body);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stopped_pydecnet_is_diagnosed_before_anything_else()
    {
        await _sim.CtlAsync("hang");
        var options = LinkProbeRig.Probe(circuit: "DMC-0", timeout: TimeSpan.FromSeconds(1));
        var diagnoser = new LinkDiagnoser(_rig.Options(options).Pydecnet, options, TimeProvider.System);

        var diagnosis = await diagnoser.DiagnoseAsync("MIM", CancellationToken.None);

        Assert.Equal("PyDECnet itself is not answering (API socket accepted the connection but no reply within 1s); the link may be fine, the watchdog deals with PyDECnet", diagnosis.Verdict);
        Assert.Equal(["PyDECnet API: API socket accepted the connection but no reply within 1s"], diagnosis.Findings);
    }

    private async Task<string> DownAlertBodyAsync(LinkProbeOptions options)
    {
        await _rig.RunAsync(options);
        var alert = Assert.Single(_rig.Alerts);
        Assert.Equal("link.down", alert.Kind);
        return alert.Body;
    }

    private static LinkProbeOptions With(LinkProbeOptions options, IReadOnlyList<DnsEndPoint> internet) => new()
    {
        NcpCommand = options.NcpCommand,
        Targets = options.Targets,
        DownAfter = options.DownAfter,
        UpAfter = options.UpAfter,
        Circuit = options.Circuit,
        Timeout = options.Timeout,
        InternetCheck = internet,
    };

    /// <summary>A loopback port nobody listens on: bound and released, so connects are refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
