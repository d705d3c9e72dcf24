namespace HecnetJobs.Pydecnet;

/// <summary>Why PyDECnet did not come up, read from what it printed; <see cref="Kind"/> is a stable word for history and alerts.</summary>
/// <param name="Kind"><c>stale-socket</c>, <c>http-port</c>, <c>api-bind</c>, <c>config-error</c>, <c>missing-file</c>, <c>exited</c> or <c>not-answering</c>.</param>
/// <param name="Text">One line for a person.</param>
/// <param name="Evidence">The lines of PyDECnet's output that show it (at most a few).</param>
public sealed record StartFailure(string Kind, string Text, IReadOnlyList<string> Evidence)
{
    /// <summary>Classifies PyDECnet's output after a failed start, most specific cause first, as the captured start-up failures show them.</summary>
    public static StartFailure? Classify(IReadOnlyList<string> output)
    {
        if ((Find(output, "RuntimeError: Another socket server") ?? Find(output, "Another socket server appears to be already running")) is { } stale)
            return new("stale-socket", "the API socket file already exists (left behind by an earlier PyDECnet)", Around(output, stale, 0, 2));
        if (Find(output, "Address already in use") is { } port)
            return new("http-port", "the HTTP monitor's port is already in use by another program", Around(output, port, 0, 0));
        if (Find(output, "Error binding to API socket") is { } bind)
        {
            var reason = Find(output, "Error]", from: bind) ?? Find(output, "Errno", from: bind);
            return new("api-bind", "PyDECnet cannot create its API socket (does the socket's folder exist and is it writable?)", Pick(output, bind, reason));
        }
        if (Find(output, "Config file parse error in") is { } parse)
            return new("config-error", "PyDECnet rejected its config or names file", Around(output, parse, 0, Math.Min(8, output.Count - parse - 1)));
        if (Find(output, "FileNotFoundError") is { } missing)
            return new("missing-file", "a file PyDECnet's config includes does not exist", Around(output, missing, 0, 0));
        return null;
    }

    private static int? Find(IReadOnlyList<string> lines, string text, int from = 0)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
                return i;
        }
        return null;
    }

    private static string[] Around(IReadOnlyList<string> lines, int index, int before, int after) =>
        lines.Skip(Math.Max(0, index - before)).Take(before + after + 1).ToArray();

    private static string[] Pick(IReadOnlyList<string> lines, int first, int? second) =>
        second is { } other ? [lines[first], lines[other]] : [lines[first]];
}
