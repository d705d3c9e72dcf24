namespace HecnetJobs.Pydecnet;

/// <summary>What <see cref="NamesFileWriter.Write"/> did: the file written, its backup, and what it could not keep.</summary>
/// <param name="Path">The file written; a symlink given as the path is followed, so this is its final target.</param>
/// <param name="BackupPath">The previous file kept as <c>&lt;file&gt;.bak</c>, or null when there was no previous file.</param>
/// <param name="EntryCount">How many lines were written.</param>
/// <param name="Notes">One line for each thing not done that the new file is still correct without: owner not kept, folder not synced.</param>
public sealed record NamesFileWriteResult(string Path, string? BackupPath, int EntryCount, IReadOnlyList<string> Notes);
