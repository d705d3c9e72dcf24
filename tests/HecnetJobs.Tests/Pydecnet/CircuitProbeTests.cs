using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>The JSON API's circuit replies, from the real captures.</summary>
public sealed class CircuitProbeTests
{
    [Theory]
    [InlineData("reachable_api_routing_circuit.json", "ru4l2", true, "1.13", "circuit DMC-0 is running (ru4l2), neighbour 1.13")]
    [InlineData("killed_api_routing_circuit.json", "ds", false, null, "circuit DMC-0 is not running (ds: datalink started, waiting for the neighbour), no neighbour")]
    [InlineData("api_routing_unknown_circuit.json", null, false, null, "PyDECnet does not report circuit DMC-0: Unknown circuit")]
    [InlineData("api_parse_error.json", null, false, null, "PyDECnet does not report circuit DMC-0: Parse error")]
    public void Each_captured_routing_reply_reads_as_its_state(string file, string? state, bool running, string? neighbor, string detail)
    {
        var reading = CircuitProbe.Parse("DMC-0", File.ReadAllText(RepoPaths.Sample("api", file)).Trim());

        Assert.Equal(("DMC-0", state, running, neighbor, detail), (reading.Circuit, reading.State, reading.Running, reading.Neighbor, reading.Detail));
    }

    [Theory]
    [InlineData("[]", "circuit DMC-0: the API's reply is not a JSON object")]
    [InlineData("{\"name\":\"DMC-0\"}", "circuit DMC-0: the API's reply has no state")]
    [InlineData("{\"state\":", "circuit DMC-0: the API's reply is not valid JSON")]
    public void A_reply_without_a_state_is_not_running_and_says_why(string reply, string detail)
    {
        var reading = CircuitProbe.Parse("DMC-0", reply);

        Assert.Equal((null, false, detail), (reading.State, reading.Running, reading.Detail));
    }
}
