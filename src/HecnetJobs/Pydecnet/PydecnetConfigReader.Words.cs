using System.Globalization;
using System.Text;

namespace HecnetJobs.Pydecnet;

public sealed partial class PydecnetConfigReader
{
    /// <summary>Splits a line into words the way Python's <c>shlex.split</c> does, which is what PyDECnet uses.</summary>
    private static class Words
    {
        public static List<string> Split(Line at)
        {
            var text = at.Text;
            var words = new List<string>();
            var word = new StringBuilder();
            var inWord = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c is ' ' or '\t' or '\r' or '\n')
                {
                    if (inWord)
                        words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    continue;
                }
                inWord = true;
                switch (c)
                {
                    case '\'':
                        var close = text.IndexOf('\'', i + 1);
                        if (close < 0)
                            throw Fail(at, $"'{text}': no closing quotation mark");
                        word.Append(text, i + 1, close - i - 1);
                        i = close;
                        break;
                    case '"':
                        i = DoubleQuoted(at, i + 1, word);
                        break;
                    case '\\':
                        if (i + 1 == text.Length)
                            throw Fail(at, $"'{text}': the backslash at the end escapes nothing");
                        word.Append(text[++i]);
                        break;
                    default:
                        word.Append(c);
                        break;
                }
            }
            if (inWord)
                words.Add(word.ToString());
            return words;
        }

        /// <summary>Appends the text up to the closing double quote and returns its index; a backslash escapes only <c>"</c> and <c>\</c> here.</summary>
        private static int DoubleQuoted(Line at, int start, StringBuilder word)
        {
            var text = at.Text;
            for (var i = start; i < text.Length; i++)
            {
                if (text[i] == '"')
                    return i;
                if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                    i++;
                word.Append(text[i]);
            }
            throw Fail(at, $"'{text}': no closing quotation mark");
        }
    }

    /// <summary>A DECnet node address; <see cref="Area"/> 0 is a bare node number, which PyDECnet places in this node's area.</summary>
    private readonly record struct NodeId(int Area, int Node)
    {
        public static bool TryParse(string text, out NodeId id)
        {
            id = default;
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                // A plain number is area * 1024 + node, so up to 1023 it is a node number alone.
                if (!TryNumber(text, 1, 63 * 1024 + 1023, out var number) || number % 1024 == 0)
                    return false;
                id = new NodeId(number / 1024, number % 1024);
                return true;
            }
            if (!TryNumber(text[..dot], 1, 63, out var area) || !TryNumber(text[(dot + 1)..], 1, 1023, out var node))
                return false;
            id = new NodeId(area, node);
            return true;
        }

        public override string ToString() =>
            Area == 0 ? Node.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Area}.{Node}");

        private static bool TryNumber(string text, int min, int max, out int value) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
