using System.Globalization;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>One capture of ncp from tests/fixtures/pydecnet-samples/ncp: its stdout, stderr and exit code as exitcodes.tsv records them.</summary>
internal sealed record NcpSample(string Prefix, string Stdout, string Stderr, int ExitCode, bool TimedOut)
{
    private static readonly Lazy<Dictionary<string, int>> ExitCodes = new(ReadExitCodes);

    /// <summary>The prefixes listed in exitcodes.tsv, one per capture.</summary>
    public static IReadOnlyCollection<string> Prefixes => ExitCodes.Value.Keys;

    /// <summary>Loads the capture <paramref name="prefix"/>; <c>hung_</c> captures were killed by <c>timeout</c> (exit code 124).</summary>
    public static NcpSample Load(string prefix)
    {
        var stderr = RepoPaths.Sample("ncp", prefix + ".stderr");
        return new NcpSample(
            prefix,
            File.ReadAllText(RepoPaths.Sample("ncp", prefix + ".stdout")),
            File.Exists(stderr) ? File.ReadAllText(stderr) : "",
            ExitCodes.Value[prefix],
            prefix.StartsWith("hung_", StringComparison.Ordinal));
    }

    public NcpReply ParseShowNode(string target) => NcpParser.ParseShowNode(target, Stdout, Stderr, ExitCode, TimedOut);

    private static Dictionary<string, int> ReadExitCodes() =>
        File.ReadLines(RepoPaths.Sample("ncp", "exitcodes.tsv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .ToDictionary(fields => fields[0], fields => int.Parse(fields[^1], CultureInfo.InvariantCulture));
}
