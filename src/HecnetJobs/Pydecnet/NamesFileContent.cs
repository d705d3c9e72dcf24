namespace HecnetJobs.Pydecnet;

/// <summary>The current names file as <see cref="NamesFileReader"/> read it: its valid entries and what it skipped.</summary>
/// <param name="Path">The file read.</param>
/// <param name="Exists">False when the file (or its folder) does not exist yet; then there are no entries.</param>
/// <param name="Entries">Entries that pass PyDECnet's rules, the first per address, sorted by address.</param>
/// <param name="Format">The line format found in the file.</param>
/// <param name="SkippedLines">Lines that are not blank or comments and gave no entry: unknown, invalid, or a second name for an address.</param>
/// <param name="MatchesInclude">Whether the file's syntax is the one its include expects (an empty file matches either).</param>
public sealed record NamesFileContent(
    string Path,
    bool Exists,
    IReadOnlyList<NodeEntry> Entries,
    NodeListFormat Format,
    IReadOnlyList<NodeListLine> SkippedLines,
    bool MatchesInclude);
