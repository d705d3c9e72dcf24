namespace HecnetJobs.Platform;

/// <summary>
/// File operations on Windows: a new file takes its permissions from the folder (NTFS inheritance) and belongs to the
/// account that wrote it, NTFS journals a rename itself, and a backup is a copy.
/// </summary>
internal sealed class WindowsFiles : IPlatformFiles
{
    /// <summary>An AF_UNIX socket file on Windows is a reparse point (tag IO_REPARSE_TAG_AF_UNIX); any reparse point that is not a folder counts.</summary>
    public bool? IsSocket(string path)
    {
        try
        {
            var attributes = File.GetAttributes(path);
            return (attributes & FileAttributes.ReparsePoint) != 0 && (attributes & FileAttributes.Directory) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void CopyOwnerAndMode(string from, string to, List<string> notes)
    {
        // Nothing to copy: the folder's inherited ACL applies to the new file as it did to the old one.
    }

    public string? SyncDirectory(string directory) => null;

    public bool TryHardLink(string existing, string link) => false;
}
