namespace HecnetJobs.Pydecnet;

/// <summary>What <see cref="NodeListParser"/> found in a node list: entries, lines it could not read, and the format.</summary>
public sealed class NodeListParseResult
{
    /// <summary>How many unknown lines <see cref="UnknownExamples"/> keeps.</summary>
    public const int ExampleCount = 5;

    internal NodeListParseResult(
        NodeListFormat format,
        IReadOnlyList<NodeListEntry> entries,
        IReadOnlyList<NodeListLine> unknownLines,
        int ignoredCount,
        int lineCount,
        bool hasByteOrderMark)
    {
        Format = format;
        Entries = entries;
        UnknownLines = unknownLines;
        IgnoredCount = ignoredCount;
        LineCount = lineCount;
        HasByteOrderMark = hasByteOrderMark;
    }

    /// <summary>The format recognised from the first line that parsed as an entry.</summary>
    public NodeListFormat Format { get; }

    /// <summary>Lines that parsed as an address and a name, in text order, not yet checked against the names rules.</summary>
    public IReadOnlyList<NodeListEntry> Entries { get; }

    /// <summary>Every line that looked like data but did not parse, in text order.</summary>
    public IReadOnlyList<NodeListLine> UnknownLines { get; }

    /// <summary>How many lines looked like data but did not parse.</summary>
    public int UnknownCount => UnknownLines.Count;

    /// <summary>The 1-based numbers of the unknown lines.</summary>
    public IEnumerable<int> UnknownLineNumbers => UnknownLines.Select(l => l.LineNumber);

    /// <summary>The first few unknown lines (at most <see cref="ExampleCount"/>), for messages.</summary>
    public IReadOnlyList<NodeListLine> UnknownExamples => UnknownLines.Take(ExampleCount).ToList();

    /// <summary>Blank lines, <c>#</c> comments and, in a listing, header lines that do not start with a digit.</summary>
    public int IgnoredCount { get; }

    /// <summary>How many lines the text has (a final line ending does not start another line).</summary>
    public int LineCount { get; }

    /// <summary>Whether the text started with a byte order mark (U+FEFF), which PyDECnet reads as part of the first address.</summary>
    public bool HasByteOrderMark { get; }
}
