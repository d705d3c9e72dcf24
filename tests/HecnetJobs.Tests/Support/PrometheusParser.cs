using System.Diagnostics;
using System.Text.Json;

namespace HecnetJobs.Tests.Support;

/// <summary>A real Prometheus text-format parser: Debian's python3-prometheus-client (<c>text_string_to_metric_families</c>), run on the text.</summary>
public static class PrometheusParser
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, JsonElement Value)
    {
        public double Number => Value.ValueKind == JsonValueKind.Number ? Value.GetDouble() : double.Parse(Value.GetString()!.Replace("+Inf", "Infinity", StringComparison.Ordinal).Replace("-Inf", "-Infinity", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed record Family(string Name, string Type, string Help, IReadOnlyList<Sample> Samples);

    /// <summary>Parses <paramref name="text"/>; throws with the parser's own message when it refuses it.</summary>
    public static async Task<IReadOnlyList<Family>> ParseAsync(string text)
    {
        var info = new ProcessStartInfo(SmtpTestServer.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "HecnetJobs.Tests", "Support", "prometheus_parse.py"));
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(text);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            var said = await error;
            var hint = said.Contains("No module named 'prometheus_client'", StringComparison.Ordinal) ? " (apt-get install python3-prometheus-client; scripts/test.sh does)" : "";
            throw new InvalidOperationException($"the Prometheus parser refused the text{hint}: {said.Trim()}\n{text}");
        }
        using var json = JsonDocument.Parse(await output);
        return json.RootElement.EnumerateArray().Select(f => new Family(
            f.GetProperty("name").GetString()!,
            f.GetProperty("type").GetString()!,
            f.GetProperty("help").GetString()!,
            f.GetProperty("samples").EnumerateArray().Select(s => new Sample(
                s.GetProperty("name").GetString()!,
                s.GetProperty("labels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!),
                s.GetProperty("value").Clone())).ToList())).ToList();
    }
}
