namespace HecnetJobs.Pydecnet;

/// <summary>Reads the current names file into entries, for the diff and the shrink check of a refresh.</summary>
public static class NamesFileReader
{
    /// <summary>Reads <paramref name="path"/>; a missing file gives no entries, any other failure a <see cref="HecnetJobsException"/> naming the path.</summary>
    /// <remarks>
    /// The reader is lenient, since the file is about to be replaced: lines that break PyDECnet's rules are skipped
    /// and listed in <see cref="NamesFileContent.SkippedLines"/>, and a file in the other include's syntax (such as
    /// hecnet-daemon's <c>node</c> lines under a <c>node @file</c> include) is read, with
    /// <see cref="NamesFileContent.MatchesInclude"/> false.
    /// </remarks>
    public static NamesFileContent Read(string path, NamesInclude include)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new NamesFileContent(path, false, [], NodeListFormat.None, [], true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HecnetJobsException($"{path}: cannot read the names file: {FileErrors.Reason(ex)}", ExitCodes.Config, ex);
        }

        var parsed = NodeListParser.Parse(text);
        var entries = new Dictionary<DecnetAddress, NodeEntry>();
        var skipped = parsed.UnknownLines.ToList();
        foreach (var line in parsed.Entries)
        {
            if (!NamesRules.IsValid(line.Entry) || !entries.TryAdd(line.Address, line.Entry))
                skipped.Add(new NodeListLine(line.LineNumber, line.Text));
        }
        var expected = include == NamesInclude.NodeAt ? NodeListFormat.NamesFile : NodeListFormat.NodeLines;
        return new NamesFileContent(
            path,
            true,
            entries.Values.OrderBy(e => e.Address).ToList(),
            parsed.Format,
            skipped.OrderBy(l => l.LineNumber).ToList(),
            parsed.Format == expected || parsed.Format == NodeListFormat.None);
    }
}
