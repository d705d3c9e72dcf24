using HecnetJobs.Pydecnet;

namespace HecnetJobs.Jobs;

/// <summary>Link-probe targets as the config and jobs.xml spell them: node names or <c>area.node</c> addresses, checked before any reaches <c>ncp</c>.</summary>
public static class LinkTargets
{
    /// <summary>What a valid target looks like, for messages.</summary>
    public const string Expected = "a node name (1 to 6 letters and digits, at least one letter), an address (area.node, area 1-63, node 1-1023) or circuit:NAME";

    /// <summary>The prefix of a circuit target (<c>circuit:DMC-0</c>), probed through the JSON API instead of ncp.</summary>
    public const string CircuitPrefix = "circuit:";

    /// <summary>The circuit's name when <paramref name="target"/> is a circuit target, else null.</summary>
    public static string? Circuit(string target) =>
        target.StartsWith(CircuitPrefix, StringComparison.Ordinal) ? target[CircuitPrefix.Length..] : null;

    /// <summary>The target in the form ncp prints and the store keys on: a name in upper case, an address without leading zeros, <c>circuit:NAME</c> with the name in upper case; null when it is none of these.</summary>
    public static string? Normalize(string text)
    {
        var value = text.Trim();
        if (value.StartsWith(CircuitPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // PyDECnet's circuit names: a device name, a dash and a number (DMC-0, ETH-1); it stores them in upper case.
            var circuit = value[CircuitPrefix.Length..].Trim().ToUpperInvariant();
            return circuit.Length is >= 1 and <= 16 && circuit.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '-' or '_')
                ? CircuitPrefix + circuit
                : null;
        }
        if (value.Contains('.', StringComparison.Ordinal))
            return DecnetAddress.TryParse(value, out var address) ? address.ToString() : null;
        var upper = value.ToUpperInvariant();
        return upper.Length is >= 1 and <= NamesRules.MaxNameLength
            && upper.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))
            && upper.Any(char.IsAsciiLetterUpper)
            ? upper
            : null;
    }

    /// <summary>Splits a comma-separated list (the job-data-map form) and normalises each entry; the first bad entry is the problem.</summary>
    public static IReadOnlyList<string> ParseList(string text, out string? problem)
    {
        problem = null;
        var targets = new List<string>();
        foreach (var part in text.Split(','))
        {
            if (Normalize(part) is not { } target)
            {
                problem = $"'{part.Trim()}' is not {Expected}";
                return [];
            }
            if (!targets.Contains(target))
                targets.Add(target);
        }
        return targets;
    }

    /// <summary>The jobs.xml check of the <c>targets</c> key: null when valid, else what is wrong.</summary>
    public static string? CheckList(string text)
    {
        ParseList(text, out var problem);
        return problem;
    }
}
