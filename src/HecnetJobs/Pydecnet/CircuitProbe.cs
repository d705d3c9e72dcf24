using System.Text.Json;

namespace HecnetJobs.Pydecnet;

/// <summary>Asks PyDECnet's JSON API about one circuit (<c>{"api":"routing","circuit":"DMC-0"}</c>), so a diagnosis can tell a dead circuit from a far node that is gone.</summary>
public static class CircuitProbe
{
    public static async Task<CircuitReading> ReadAsync(string socketPath, string circuit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = $"{{\"api\":\"routing\",\"circuit\":\"{JsonEncodedText.Encode(circuit)}\"}}";
        var (result, reply) = await ApiProbe.RequestAsync(socketPath, request, timeout, cancellationToken);
        if (reply is null)
            return new(circuit, null, false, null, $"circuit {circuit} could not be asked about: {result.Detail}");
        return Parse(circuit, reply);
    }

    /// <summary>Reads one reply line of the routing API; never throws.</summary>
    public static CircuitReading Parse(string circuit, string reply)
    {
        try
        {
            using var document = JsonDocument.Parse(reply);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new(circuit, null, false, null, $"circuit {circuit}: the API's reply is not a JSON object");
            if (root.TryGetProperty("error", out var error))
                return new(circuit, null, false, null, $"PyDECnet does not report circuit {circuit}: {Text(error)}");
            if (!root.TryGetProperty("state", out var stateElement) || stateElement.ValueKind != JsonValueKind.String)
                return new(circuit, null, false, null, $"circuit {circuit}: the API's reply has no state");
            var state = stateElement.GetString()!;
            var running = state.StartsWith("ru", StringComparison.Ordinal);
            string? neighbor = null;
            if (root.TryGetProperty("neighbor", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var value))
                neighbor = new DecnetAddress(value / 1024, value % 1024).ToString();
            var detail = running
                ? $"circuit {circuit} is running ({state}){(neighbor is null ? "" : $", neighbour {neighbor}")}"
                : $"circuit {circuit} is not running ({state}: {Describe(state)}), no neighbour";
            return new(circuit, state, running, neighbor, detail);
        }
        catch (JsonException)
        {
            return new(circuit, null, false, null, $"circuit {circuit}: the API's reply is not valid JSON");
        }
    }

    /// <summary>The names of the circuit states in PyDECnet's <c>route_ptp.py</c>.</summary>
    private static string Describe(string state) => state switch
    {
        "ha" => "halted",
        "ds" => "datalink started, waiting for the neighbour",
        "ri" => "routing init",
        "rv" => "routing verify",
        _ => "not a running state",
    };

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
