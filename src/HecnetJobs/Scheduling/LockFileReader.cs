using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace HecnetJobs.Scheduling;

/// <summary>
/// Reads a file that another process holds with flock(LOCK_EX). .NET's own FileStream takes flock(LOCK_SH) on open and
/// would be refused, so this goes straight to libc's open/read, which ignore advisory locks.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class LockFileReader
{
    private const int ReadOnly = 0;

    public static string? Read(string path)
    {
        var fd = Open(path, ReadOnly);
        if (fd < 0)
            return null;
        try
        {
            var buffer = new byte[64];
            var count = ReadBytes(fd, buffer, buffer.Length);
            return count <= 0 ? null : Encoding.ASCII.GetString(buffer, 0, (int)count);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial nint ReadBytes(int fd, [Out] byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Close(int fd);
}
