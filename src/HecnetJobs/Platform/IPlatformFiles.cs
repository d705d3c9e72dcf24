namespace HecnetJobs.Platform;

/// <summary>The file operations whose meaning differs between Linux and Windows: ownership, folder fsync, hard links and socket files.</summary>
internal interface IPlatformFiles
{
    /// <summary>True when <paramref name="path"/> is a socket file, false when it is something else, null when it does not exist or cannot be examined.</summary>
    bool? IsSocket(string path);

    /// <summary>Gives <paramref name="to"/> the owner and mode of <paramref name="from"/>; what could not be kept is added to <paramref name="notes"/>.</summary>
    void CopyOwnerAndMode(string from, string to, List<string> notes);

    /// <summary>Makes a rename in <paramref name="directory"/> survive a power cut; returns what went wrong, or null.</summary>
    string? SyncDirectory(string directory);

    /// <summary>Creates <paramref name="link"/> as a hard link to <paramref name="existing"/>; false when that is not possible (the caller copies instead).</summary>
    bool TryHardLink(string existing, string link);
}
