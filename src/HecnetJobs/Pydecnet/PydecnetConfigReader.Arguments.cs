using System.Globalization;

namespace HecnetJobs.Pydecnet;

public sealed partial class PydecnetConfigReader
{
    /// <summary>The words after a component name, split into positionals and options the way PyDECnet's argparse parsers do.</summary>
    private sealed class Arguments
    {
        // The options of the components read here, from PyDECnet's decnet/config.py (V1.1.1). They are listed so that a
        // switch does not swallow the next word and so that abbreviations (argparse accepts "--https" for "--https-port")
        // resolve to the full name.
        private static readonly Dictionary<string, Dictionary<string, Arity>> Known = new(StringComparer.Ordinal)
        {
            ["api"] = Spec(values: ["--mode"]),
            ["http"] = Spec(
                values: ["--http-port", "--https-port", "--local-address", "--source", "--http-root", "--certificate",
                         "--mapper", "--mapdb", "--nodedbserver", "--nodedbtz", "--dbpassword"],
                switches: ["-4", "--ipv4", "-6", "--ipv6", "--api", "--insecure-api"]),
            ["routing"] = Spec(
                values: ["--type", "--maxhops", "--maxcost", "--amaxhops", "--amaxcost", "--maxvisits", "--maxnodes",
                         "--maxarea", "--t1", "--bct1"],
                switches: ["--no-intercept", "--request-intercept", "--full-intercept"]),
            ["node"] = Spec(values: ["--outbound-verification", "--inbound-verification"]),
            ["circuit"] = Spec(
                values: ["--cost", "--latency", "--t1", "--t3", "--loop-node", "--mode", "--remote-address", "--remote-port",
                         "--local-address", "--local-port", "--destination", "--dest-port", "--source", "--source-port",
                         "--hwaddr", "--qmax", "--nr", "--priority", "--console"],
                switches: ["-4", "--ipv4", "-6", "--ipv6", "--single-address", "--random-address", "--verify", "--mop"]),
        };

        private enum Arity
        {
            Value,
            Switch,
        }

        public List<string> Positionals { get; } = [];

        /// <summary>Options by full name; a repeated option keeps its last value, as in argparse.</summary>
        public Dictionary<string, string?> Options { get; } = new(StringComparer.Ordinal);

        public string? Value(string option) => Options.GetValueOrDefault(option);

        public static Arguments Parse(string component, List<string> words)
        {
            var parsed = new Arguments();
            var spec = Known[component];
            for (var i = 0; i < words.Count; i++)
            {
                var word = words[i];
                if (word == "--")
                {
                    parsed.Positionals.AddRange(words.Skip(i + 1));
                    break;
                }
                if (!IsOption(spec, word))
                {
                    parsed.Positionals.Add(word);
                    continue;
                }

                string? inline = null;
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                if (word.StartsWith("--", StringComparison.Ordinal) && equals > 0)
                    (word, inline) = (word[..equals], word[(equals + 1)..]);
                var (name, arity) = Resolve(spec, word);
                // A value that is missing (the next word is an option) makes PyDECnet refuse the line; here it reads as null.
                string? value = null;
                if (arity == Arity.Value)
                {
                    if (inline is not null)
                        value = inline;
                    else if (i + 1 < words.Count && !IsOption(spec, words[i + 1]))
                        value = words[++i];
                }
                parsed.Options[name] = value;
            }
            return parsed;
        }

        private static (string Name, Arity Arity) Resolve(Dictionary<string, Arity> spec, string word)
        {
            if (spec.TryGetValue(word, out var arity))
                return (word, arity);
            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                var matches = spec.Keys.Where(k => k.StartsWith(word, StringComparison.Ordinal)).ToList();
                if (matches.Count == 1)
                    return (matches[0], spec[matches[0]]);
            }
            // Unknown or ambiguous: PyDECnet refuses the line and says so; keep the word as written.
            return (word, Arity.Value);
        }

        /// <summary>Whether a word is an option name; a negative number such as <c>-1</c> is a value unless it is an option here (<c>-4</c>).</summary>
        private static bool IsOption(Dictionary<string, Arity> spec, string word) =>
            word.Length > 1 && word[0] == '-'
            && (spec.ContainsKey(word)
                || !double.TryParse(word, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _));

        private static Dictionary<string, Arity> Spec(string[] values, string[]? switches = null)
        {
            var spec = new Dictionary<string, Arity>(StringComparer.Ordinal);
            foreach (var name in values)
                spec[name] = Arity.Value;
            foreach (var name in switches ?? [])
                spec[name] = Arity.Switch;
            return spec;
        }
    }
}
