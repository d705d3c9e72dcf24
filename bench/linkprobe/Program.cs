using System.Diagnostics;
using System.Globalization;
using System.Text;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Bench;

/// <summary>
/// Times one link probe (<c>ncp show node MIM</c> through <see cref="NcpRunner"/>) against a running simulator, beside
/// the floors of starting any process and starting Python, and the ncp parser alone over the largest capture and a
/// generated 1,023-node table. Prints medians; never passes or fails on a number.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = Args(args);
        var runs = int.Parse(options.GetValueOrDefault("--runs", "20"), CultureInfo.InvariantCulture);
        var ncp = options["--ncp"];
        var socket = options["--socket"];
        var samples = options["--samples"];
        var output = new StringBuilder();

        output.AppendLine(CultureInfo.InvariantCulture, $"runs: {runs} per figure after 2 warm-up runs; times are medians (min-max)");
        output.AppendLine();
        output.AppendLine("process figures (ms)");
        await ProcessFigure(output, "floor: /bin/true through CliWrap", new NcpRunner("/bin/true", socket, TimeSpan.FromSeconds(20), TimeProvider.System), runs, null);
        await ProcessFigure(output, "floor: python3 -c pass", PythonRunner(), runs, null);
        var runner = new NcpRunner(ncp, socket, TimeSpan.FromSeconds(20), TimeProvider.System);
        await ProcessFigure(output, "one probe: ncp show node MIM (simulator)", runner, runs, LinkVerdict.Up);

        output.AppendLine();
        output.AppendLine("parser figures (microseconds per ParseShowNode call)");
        foreach (var prefix in new[] { "maxnodes64-reachable_show-known-nodes", "maxnodes64-killed_show-known-nodes" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(samples, "ncp", prefix + ".stdout"));
            ParserFigure(output, $"{prefix} ({Lines(text)} lines, {text.Length} B)", text, "9.64", runs);
        }
        var generated = KnownNodes1023();
        ParserFigure(output, $"generated show known nodes, 1,023 own-area nodes ({Lines(generated)} lines, {generated.Length} B)", generated, "9.1023", runs);
        var single = await File.ReadAllTextAsync(Path.Combine(samples, "ncp", "reachable_show-node-MIM.stdout"));
        ParserFigure(output, $"reachable_show-node-MIM ({Lines(single)} lines, {single.Length} B)", single, "MIM", runs);

        Console.Write(output.ToString());
        return 0;
    }

    private static async Task ProcessFigure(StringBuilder output, string name, NcpRunner runner, int runs, LinkVerdict? expected)
    {
        var times = new List<double>();
        for (var i = 0; i < runs + 2; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var run = await runner.ShowNodeAsync("MIM", CancellationToken.None);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (expected is { } verdict && run.Reply.Verdict != verdict)
                throw new InvalidOperationException($"{name}: expected {verdict}, got {run.Reply.Verdict}: {run.Reply.Reason}");
            if (i >= 2)
                times.Add(ms);
        }
        output.AppendLine(CultureInfo.InvariantCulture, $"  {name,-48} {Summary(times, "F1")}");
    }

    private static void ParserFigure(StringBuilder output, string name, string stdout, string target, int runs)
    {
        // Enough calls per sample that one sample takes milliseconds, not microseconds.
        const int Calls = 500;
        var times = new List<double>();
        var verdict = NcpParser.ParseShowNode(target, stdout, "", 0, false).Verdict;
        for (var i = 0; i < runs + 2; i++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var c = 0; c < Calls; c++)
                _ = NcpParser.ParseShowNode(target, stdout, "", 0, false);
            var us = Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1000 / Calls;
            if (i >= 2)
                times.Add(us);
        }
        output.AppendLine(CultureInfo.InvariantCulture, $"  {name}, target {target} -> {verdict}");
        output.AppendLine(CultureInfo.InvariantCulture, $"    {"",-46} {Summary(times, "F1")}");
    }

    /// <summary>A runner whose "ncp" is python3 itself: the cost of starting the interpreter, the simulator's ncp's floor.</summary>
    private static NcpRunner PythonRunner()
    {
        var script = Path.Combine(Path.GetTempPath(), $"hecnetjobs-bench-python-{Environment.ProcessId}");
        File.WriteAllText(script, "#!/usr/bin/env python3\npass\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(script);
        return new NcpRunner(script, "/nowhere", TimeSpan.FromSeconds(20), TimeProvider.System);
    }

    /// <summary><c>show known nodes</c> as PyDECnet prints it with the default --maxnodes 1023 on 9.54: every own-area address, two other-area nodes.</summary>
    private static string KnownNodes1023()
    {
        var text = new StringBuilder("\n    Executor node = 9.54 (SAMPLE), State = On,\n    Identification = DECnet/Python V1.1.1\n\n");
        text.Append("Node            State        Links   Delay  Circuit      Next Node\n");
        text.Append("1.2 (ERNIE)\n");
        text.Append("1.13 (MIM)                                  DMC-0        1.13 (MIM)\n");
        for (var node = 1; node <= 1023; node++)
        {
            if (node == 54)
                continue;
            var field = node % 10 == 0 ? string.Create(CultureInfo.InvariantCulture, $"9.{node} (N{node})") : string.Create(CultureInfo.InvariantCulture, $"9.{node}");
            var line = node % 10 == 0
                ? $"{field,-16}Reachable                   DMC-0        1.13 (MIM)"
                : $"{field,-16}Unreachable";
            text.Append(line).Append('\n');
        }
        return text.Append('\n').ToString();
    }

    private static string Summary(List<double> values, string format)
    {
        values.Sort();
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{median.ToString(format, CultureInfo.InvariantCulture),8} ({values[0].ToString(format, CultureInfo.InvariantCulture)}-{values[^1].ToString(format, CultureInfo.InvariantCulture)})");
    }

    private static int Lines(string text) => text.Count(c => c == '\n');

    private static Dictionary<string, string> Args(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            map[args[i]] = args[i + 1];
        foreach (var required in new[] { "--ncp", "--socket", "--samples" })
        {
            if (!map.ContainsKey(required))
                throw new ArgumentException($"{required} is required (bench/linkprobe.sh passes it)");
        }
        return map;
    }
}
