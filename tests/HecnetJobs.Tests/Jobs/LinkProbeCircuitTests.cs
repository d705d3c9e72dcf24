using HecnetJobs.Jobs;

namespace HecnetJobs.Tests.Jobs;

/// <summary>A <c>circuit:NAME</c> target: the circuit to a neighbour watched through PyDECnet's JSON API, without ncp.</summary>
public sealed class LinkProbeCircuitTests : IAsyncLifetime, IDisposable
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
    public async Task A_circuit_whose_neighbour_goes_away_is_down_after_two_checks_and_up_again_after_two()
    {
        var options = LinkProbeRig.Probe(targets: "circuit:DMC-0");
        var first = await _rig.RunTimesAsync(2, options);
        Assert.Equal("circuit:DMC-0 up", first.Summary);

        await _sim.CtlAsync("unreachable", "MIM");
        var one = await _rig.RunAsync(options);
        var two = await _rig.RunAsync(options);
        await _sim.CtlAsync("reachable", "MIM");
        await _rig.RunTimesAsync(2, options);

        Assert.Equal("circuit:DMC-0 up, 1 of 2 down checks", one.Summary);
        Assert.Equal("circuit:DMC-0 down", two.Summary);
        Assert.Equal(["link.down", "link.up"], _rig.Alerts.Select(a => a.Kind));
        Assert.Equal("link circuit:DMC-0 down", _rig.Alerts[0].Subject);
        Assert.StartsWith("circuit DMC-0 is not running (ds: datalink started, waiting for the neighbour), no neighbour.", _rig.Alerts[0].Body);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_circuit_pydecnet_does_not_know_is_unknown_and_never_flips()
    {
        var options = LinkProbeRig.Probe(targets: "circuit:NOPE-1");

        var outcome = await _rig.RunTimesAsync(3, options);

        Assert.StartsWith("circuit:NOPE-1 unknown, check unknown: PyDECnet does not report circuit NOPE-1: ", outcome.Summary);
        Assert.Empty(_rig.Alerts);
    }

    [Theory]
    [InlineData("circuit:dmc-0", "circuit:DMC-0")]
    [InlineData("Circuit: eth-1 ", "circuit:ETH-1")]
    [InlineData("circuit:", null)]
    [InlineData("circuit:DMC 0", null)]
    public void Circuit_targets_are_normalised_or_refused(string text, string? expected)
    {
        Assert.Equal(expected, LinkTargets.Normalize(text));
    }
}
