using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace HecnetJobs.Platform;

/// <summary>Reads another process's command line on Windows (8.1 and later) and splits it as the C runtime does.</summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class WindowsCommandLine
{
    private const uint ProcessQueryLimitedInformation = 0x1000;
    private const int ProcessCommandLineInformation = 60;
    private const int MaxBytes = 1 << 20;

    /// <summary>The arguments of process <paramref name="pid"/>, or null when it is gone or this account may not read it.</summary>
    public static IReadOnlyList<string>? Read(int pid)
    {
        using var handle = OpenProcess(ProcessQueryLimitedInformation, false, (uint)pid);
        if (handle.IsInvalid)
            return null;
        // The first call fails with STATUS_INFO_LENGTH_MISMATCH and says how many bytes the answer needs.
        _ = NtQueryInformationProcess(handle, ProcessCommandLineInformation, null, 0, out var needed);
        if (needed == 0 || needed > MaxBytes)
            return null;
        var buffer = NativeMemory.Alloc(needed);
        try
        {
            if (NtQueryInformationProcess(handle, ProcessCommandLineInformation, buffer, needed, out _) != 0)
                return null;
            // The answer is a UNICODE_STRING whose text follows it in the same buffer: Length in bytes, then the pointer.
            var text = (UnicodeString*)buffer;
            var line = new string(text->Buffer, 0, text->Length / 2);
            return line.Length == 0 ? null : Split(line);
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    private static string[]? Split(string line)
    {
        var argv = CommandLineToArgv(line, out var count);
        if (argv == null)
            return null;
        try
        {
            var arguments = new string[count];
            for (var i = 0; i < count; i++)
                arguments[i] = new string(argv[i]);
            return arguments;
        }
        finally
        {
            _ = LocalFree(argv);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct UnicodeString
    {
        public ushort Length;
        public ushort MaximumLength;
        public char* Buffer;
    }

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static partial SafeProcessHandle OpenProcess(uint access, [MarshalAs(UnmanagedType.Bool)] bool inherit, uint pid);

    [LibraryImport("ntdll.dll")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static partial int NtQueryInformationProcess(SafeProcessHandle process, int informationClass, void* information, uint length, out uint returnLength);

    [LibraryImport("shell32.dll", EntryPoint = "CommandLineToArgvW", StringMarshalling = StringMarshalling.Utf16)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static partial char** CommandLineToArgv(string commandLine, out int count);

    [LibraryImport("kernel32.dll")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static partial nint LocalFree(void* memory);
}
