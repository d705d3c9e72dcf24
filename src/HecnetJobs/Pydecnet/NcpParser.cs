using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HecnetJobs.Pydecnet;

/// <summary>Turns the output of PyDECnet's <c>ncp</c> into typed results; it never throws and never answers Up without a <c>Reachable</c> row or an executor block naming the target.</summary>
public static partial class NcpParser
{
    private const int QuoteLength = 120;

    /// <summary>Judges one run of <c>ncp show node TARGET</c> (or <c>... status</c>) from its stdout, stderr, exit code, and whether the caller killed it after its timeout.</summary>
    public static NcpReply ParseShowNode(string? target, string? stdout, string? stderr, int exitCode, bool timedOut)
    {
        var node = Shorten(target ?? "", 40);
        var lines = SplitLines(stdout);
        var errorLines = SplitLines(stderr);
        if (timedOut)
            return Unknown(NcpReplyKinds.Timeout, $"ncp gave no answer about node '{node}' before the timeout: PyDECnet seems hung");
        // A non-zero exit is a crash of ncp itself: its stdout is never trusted for a verdict.
        if (exitCode != 0)
            return FromCrash(node, exitCode, lines, errorLines);

        foreach (var line in lines)
        {
            if (!line.StartsWith("Error reply from NML:", StringComparison.Ordinal))
                continue;
            return line.Contains("Unrecognized component", StringComparison.Ordinal)
                ? Unknown(NcpReplyKinds.UnknownComponent, $"ncp does not know node '{node}' (Error reply from NML: Unrecognized component): check the target name")
                : Unknown(NcpReplyKinds.CommandError, $"ncp could not process the command for node '{node}': {Shorten(line, QuoteLength)}");
        }
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].StartsWith("Error processing command:", StringComparison.Ordinal))
                continue;
            // ncp prints the message on the next line, indented by one space.
            var message = lines[i]["Error processing command:".Length..].Trim();
            if (message.Length == 0)
                message = lines.Skip(i + 1).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "no message";
            return Unknown(NcpReplyKinds.CommandError, $"ncp could not process the command for node '{node}': {Shorten(message, QuoteLength)}");
        }

        var trimmedTarget = (target ?? "").Trim();
        foreach (var line in lines)
        {
            var executor = ExecutorLine().Match(line);
            if (executor.Success && IsNode(trimmedTarget, executor.Groups["addr"].Value, NameOf(executor)))
            {
                var shown = NameOf(executor) is { } name ? $"{executor.Groups["addr"].Value} ({name})" : executor.Groups["addr"].Value;
                return new NcpReply(LinkVerdict.Up, NcpReplyKinds.Executor,
                    $"node '{node}' is this router itself (executor {shown}, state {executor.Groups["state"].Value})", null);
            }
        }

        var matches = ReadRows(lines).Where(r => IsNode(trimmedTarget, r.Row.Address, r.Row.Name)).ToList();
        if (matches.Count > 0)
            return FromRows(node, matches);
        if (lines.Any(l => l.Trim() == "No information"))
            return Unknown(NcpReplyKinds.NoInformation, $"ncp has no information about node '{node}'");
        if (LastLine(errorLines) is { } exception && errorLines.Any(l => l.StartsWith("Traceback", StringComparison.Ordinal)))
            return Unknown(NcpReplyKinds.CommandError, $"ncp failed for node '{node}' with exit code 0: {Shorten(exception, QuoteLength)}");
        return Unrecognised(node, exitCode, FirstLine(lines) ?? FirstLine(errorLines));
    }

    private static NcpReply FromRows(string node, List<TableRow> matches)
    {
        var first = matches[0];
        // Duplicated rows that disagree cannot be trusted either way.
        if (matches.Any(m => m.Row.State != first.Row.State))
            return Unrecognised(node, 0, first.Line);
        var row = first.Row;
        switch (row.State)
        {
            case "Reachable":
                var path = row.Circuit is null ? "" : $": circuit {Shorten(row.Circuit, 40)}";
                if (row.NextNode is not null)
                    path += $", next node {Shorten(row.NextNode, 40)}";
                return new NcpReply(LinkVerdict.Up, NcpReplyKinds.Reachable, $"node {row.Display} is reachable{path}", row);
            case "Unreachable":
                return new NcpReply(LinkVerdict.Down, NcpReplyKinds.Unreachable, $"ncp reports node {row.Display} unreachable", row);
            default:
                return Unrecognised(node, 0, first.Line) with { Row = row };
        }
    }

    private static NcpReply FromCrash(string node, int exitCode, List<string> lines, List<string> errorLines)
    {
        var exception = LastLine(errorLines);
        if (exception is not null && exception.StartsWith("FileNotFoundError", StringComparison.Ordinal))
            return Unknown(NcpReplyKinds.NotRunning, "PyDECnet is not running: ncp found no API socket (FileNotFoundError)");
        if (exception is not null && exception.StartsWith("ConnectionRefusedError", StringComparison.Ordinal))
            return Unknown(NcpReplyKinds.StaleSocket, "PyDECnet is not running: its API socket file was left behind and refuses connections (ConnectionRefusedError)");
        if (exception is not null && errorLines.Any(l => l.StartsWith("Traceback", StringComparison.Ordinal)))
            return Unknown(NcpReplyKinds.CommandError, $"ncp failed for node '{node}' with exit code {exitCode.ToString(CultureInfo.InvariantCulture)}: {Shorten(exception, QuoteLength)}");
        return Unrecognised(node, exitCode, FirstLine(lines) ?? FirstLine(errorLines));
    }

    private static NcpReply Unrecognised(string node, int exitCode, string? quoted)
    {
        var code = exitCode.ToString(CultureInfo.InvariantCulture);
        return Unknown(NcpReplyKinds.Unrecognised, quoted is null
            ? $"ncp printed nothing about node '{node}' (exit code {code})"
            : $"ncp output about node '{node}' was not understood (exit code {code}): '{Shorten(quoted, QuoteLength)}'");
    }

    private static NcpReply Unknown(string kind, string reason) => new(LinkVerdict.Unknown, kind, reason, null);

    private static string? NameOf(Match executor) => executor.Groups["name"].Success ? executor.Groups["name"].Value : null;

    private static string? FirstLine(List<string> lines) => lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

    private static string? LastLine(List<string> lines) => lines.Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);

    /// <summary>Trims, turns control characters into spaces, and cuts to <paramref name="max"/> characters with "..." so a reason stays one readable line.</summary>
    private static string Shorten(string text, int max)
    {
        var clean = new StringBuilder(Math.Min(text.Length, max + 3));
        foreach (var c in text.Trim())
        {
            if (clean.Length == max)
                return clean.Append("...").ToString();
            clean.Append(char.IsControl(c) ? ' ' : c);
        }
        return clean.ToString();
    }

    [GeneratedRegex(@"^\s*Executor node = (?<addr>[0-9]{1,2}\.[0-9]{1,4})(?: \((?<name>[A-Z0-9]{1,6})\))?, State = (?<state>[A-Za-z-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ExecutorLine();
}
