using System.Text;
using HecnetJobs.Platform;

namespace HecnetJobs.Pydecnet;

/// <summary>Writes a names file so that PyDECnet, or any reader, sees either the whole old file or the whole new one.</summary>
/// <remarks>
/// Steps: the text goes to a temporary file in the same folder, which is flushed to disk; it gets the old file's
/// owner and mode; the old file is hard-linked (or, where links fail, copied) to <c>&lt;file&gt;.bak</c>, so it stays
/// in place until the rename; the temporary file is renamed over the file; the folder is fsynced so the rename
/// survives a power cut. A symlink given as the path is followed and its target replaced, so the link stays.
/// </remarks>
public static class NamesFileWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The file's text: one entry a line, sorted by address, LF endings, <c>1.13 MIM</c> for <see cref="NamesInclude.NodeAt"/> and <c>node 1.13 MIM</c> for <see cref="NamesInclude.Plain"/>.</summary>
    /// <remarks>
    /// There is no header comment: PyDECnet skips <c>#</c> lines, but whether it does so before or after putting
    /// <c>node </c> in front of a <c>node @file</c> line was not tried, and <c>node ; comment</c> is refused.
    /// Identical entries are written once; entries that break PyDECnet's rules or conflict throw <see cref="ArgumentException"/>.
    /// </remarks>
    public static string Format(IEnumerable<NodeEntry> entries, NamesInclude include)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var prefix = include == NamesInclude.Plain ? "node " : "";
        var text = new StringBuilder();
        var byAddress = new Dictionary<DecnetAddress, NodeEntry>();
        var byName = new Dictionary<string, NodeEntry>(StringComparer.Ordinal);
        foreach (var entry in entries.Distinct().OrderBy(e => e.Address))
        {
            if (!NamesRules.IsValid(entry))
                throw new ArgumentException($"'{entry}' breaks PyDECnet's names rules: {string.Join("; ", NamesRules.Problems(entry))}", nameof(entries));
            if (!byAddress.TryAdd(entry.Address, entry) || !byName.TryAdd(entry.Name, entry))
                throw new ArgumentException($"'{entry}' conflicts with another entry for the same address or name", nameof(entries));
            text.Append(prefix).Append(entry.ToString()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="entries"/> safely, keeping the old file as <c>&lt;path&gt;.bak</c>.</summary>
    /// <exception cref="HecnetJobsException">The file cannot be written (exit code <see cref="ExitCodes.Config"/>); the old file is then untouched.</exception>
    public static NamesFileWriteResult Write(string path, IEnumerable<NodeEntry> entries, NamesInclude include)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = Format(entries, include);
        var target = FinalTarget(path);
        var directory = System.IO.Path.GetDirectoryName(target) ?? ".";
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        var backup = target + ".bak";
        var notes = new List<string>();
        var hadFile = File.Exists(target);
        try
        {
            WriteDurably(temp, text);
            if (hadFile)
            {
                HostPlatform.Current.Files.CopyOwnerAndMode(target, temp, notes);
                KeepBackup(target, backup);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temp);
            throw new HecnetJobsException($"{target}: cannot write the names file: {FileErrors.Reason(ex)}", ExitCodes.Config, ex);
        }

        if (HostPlatform.Current.Files.SyncDirectory(directory) is { } syncProblem)
            notes.Add(syncProblem);
        return new NamesFileWriteResult(target, hadFile ? backup : null, text.Count(c => c == '\n'), notes);
    }

    private static string FinalTarget(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var info = new FileInfo(full);
        return info.LinkTarget is null ? full : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
    }

    private static void WriteDurably(string temp, string text)
    {
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(Utf8NoBom.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }

    private static void KeepBackup(string target, string backup)
    {
        File.Delete(backup);
        if (!HostPlatform.Current.Files.TryHardLink(target, backup))
            File.Copy(target, backup, overwrite: true);
    }

    private static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write has already failed and that error is the one to report; a stray dot-file is harmless.
        }
    }
}
