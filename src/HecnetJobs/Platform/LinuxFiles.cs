using System.Runtime.Versioning;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Platform;

/// <summary>File operations on Linux through libc: statx for the file type and owner, chown, link, and fsync of a folder.</summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxFiles : IPlatformFiles
{
    public bool? IsSocket(string path) => PosixFile.FileType(path) is { } type ? type == PosixFile.SocketFileType : null;

    public void CopyOwnerAndMode(string from, string to, List<string> notes)
    {
        var errno = PosixFile.GetOwner(from, out var uid, out var gid);
        if (errno != 0)
        {
            notes.Add($"{from}: owner not kept: cannot read it: {PosixFile.Describe(errno)}");
        }
        else if (PosixFile.GetOwner(to, out var newUid, out var newGid) != 0 || newUid != uid || newGid != gid)
        {
            errno = PosixFile.ChangeOwner(to, uid, gid);
            if (errno != 0)
                notes.Add($"{from}: owner uid {uid} gid {gid} not kept, the new file belongs to this process's user: chown: {PosixFile.Describe(errno)}");
        }
        // After chown, which may clear set-user-ID bits.
        File.SetUnixFileMode(to, File.GetUnixFileMode(from));
    }

    public string? SyncDirectory(string directory)
    {
        var errno = PosixFile.SyncDirectory(directory);
        return errno == 0 ? null : $"{directory}: folder not synced after the rename: {PosixFile.Describe(errno)}; a power cut could bring back the old file";
    }

    public bool TryHardLink(string existing, string link) => PosixFile.HardLink(existing, link) == 0;
}
