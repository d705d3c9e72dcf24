using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HecnetJobs.Pydecnet;

/// <summary>The few libc file calls .NET does not offer: file type and owner lookup, owner change, hard links, and fsync of a folder.</summary>
/// <remarks>Each call returns 0 or the errno; callers decide whether a failure matters. Linux only.</remarks>
[SupportedOSPlatform("linux")]
internal static partial class PosixFile
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxUid = 0x08;
    private const uint StatxGid = 0x10;
    private const int ReadOnly = 0;
    private const int NoSuchCall = 38;

    // O_CLOEXEC is 02000000 on x86-64, arm and arm64 Linux alike. O_DIRECTORY is left out on purpose: its value
    // differs between x86-64 and arm, and open(O_RDONLY) of a folder works without it.
    private const int CloseOnExec = 0x80000;

    /// <summary>Reads the owner of <paramref name="path"/> without following a final symlink, like lstat.</summary>
    /// <remarks>statx is used rather than lstat because struct statx has one layout on every architecture, while struct stat does not.</remarks>
    public static int GetOwner(string path, out uint uid, out uint gid)
    {
        uid = gid = 0;
        var buffer = new byte[256];
        try
        {
            if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxUid | StatxGid, buffer) != 0)
                return Marshal.GetLastPInvokeError();
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.28 and other libcs may lack statx: report it as the kernel would.
            return NoSuchCall;
        }
        // struct statx: stx_uid at byte 20 and stx_gid at byte 24, in the machine's byte order.
        uid = MemoryMarshal.Read<uint>(buffer.AsSpan(20));
        gid = MemoryMarshal.Read<uint>(buffer.AsSpan(24));
        return 0;
    }

    /// <summary>The S_IFSOCK file type bits.</summary>
    public const int SocketFileType = 0xC000;

    /// <summary>The file type bits (S_IFMT) of a path without following a final symlink, or null when it cannot be examined.</summary>
    public static int? FileType(string path)
    {
        const uint StatxType = 0x01;
        var buffer = new byte[256];
        try
        {
            if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
                return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        // struct statx: stx_mode is the 16-bit field at byte 28.
        return MemoryMarshal.Read<ushort>(buffer.AsSpan(28)) & 0xF000;
    }

    public static int ChangeOwner(string path, uint uid, uint gid) =>
        Chown(path, uid, gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int HardLink(string existing, string link) =>
        Link(existing, link) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>fsyncs a folder so that a rename in it survives a power cut.</summary>
    public static int SyncDirectory(string directory)
    {
        var fd = Open(directory, ReadOnly | CloseOnExec);
        if (fd < 0)
            return Marshal.GetLastPInvokeError();
        try
        {
            return Fsync(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>An errno as text for a message, e.g. <c>Operation not permitted (errno 1)</c>.</summary>
    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Chown(string path, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Link(string existing, string link);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Close(int fd);
}
