using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace HecnetJobs.Pydecnet;

/// <summary>posix_spawn: starts a program in a new session with stdout and stderr appended to a file.</summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class Libc
{
    private const short SpawnSetSigDefault = 0x04;
    private const short SpawnSetSigMask = 0x08;
    private const short SpawnSetSid = 0x80;
    private const int OpenWriteAppendCreate = 0x1 | 0x40 | 0x400; // O_WRONLY | O_CREAT | O_APPEND
    private const int OpenReadOnly = 0;

    // glibc's posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336 and sigset_t 128 on 64-bit Linux; the
    // buffers are larger so that no architecture's layout can overrun them.
    private const int OpaqueSize = 1024;

    /// <summary>
    /// Starts <paramref name="program"/> as a session leader (setsid), stdin from /dev/null, stdout and stderr appended to
    /// <paramref name="outputFile"/>, in <paramref name="workingDirectory"/>, with default signal handling (this process
    /// ignores SIGPIPE; the child must not inherit that). Returns the child's PID, or the errno as a negative number.
    /// </summary>
    public static int Spawn(string program, IReadOnlyList<string> arguments, string workingDirectory, string outputFile)
    {
        var actions = NativeMemory.AllocZeroed(OpaqueSize);
        var attributes = NativeMemory.AllocZeroed(OpaqueSize);
        var allSignals = NativeMemory.AllocZeroed(OpaqueSize);
        var noSignals = NativeMemory.AllocZeroed(OpaqueSize);
        var strings = new List<nint>();
        try
        {
            Check(FileActionsInit(actions));
            Check(FileActionsAddOpen(actions, 0, "/dev/null", OpenReadOnly, 0));
            Check(FileActionsAddOpen(actions, 1, outputFile, OpenWriteAppendCreate, 0b110_100_100));
            Check(FileActionsAddDup2(actions, 1, 2));
            Check(FileActionsAddChdir(actions, workingDirectory));
            Check(AttrInit(attributes));
            Check(SigFillSet(allSignals));
            Check(SigEmptySet(noSignals));
            Check(AttrSetSigDefault(attributes, allSignals));
            Check(AttrSetSigMask(attributes, noSignals));
            Check(AttrSetFlags(attributes, SpawnSetSid | SpawnSetSigDefault | SpawnSetSigMask));

            var argv = new nint[arguments.Count + 2];
            argv[0] = Utf8(program, strings);
            for (var i = 0; i < arguments.Count; i++)
                argv[i + 1] = Utf8(arguments[i], strings);
            var environment = Environment.GetEnvironmentVariables();
            var envp = new nint[environment.Count + 1];
            var index = 0;
            foreach (System.Collections.DictionaryEntry entry in environment)
                envp[index++] = Utf8($"{entry.Key}={entry.Value}", strings);

            int pid;
            int result;
            fixed (nint* argvPointer = argv)
            fixed (nint* envpPointer = envp)
                result = PosixSpawn(&pid, program, actions, attributes, argvPointer, envpPointer);
            return result == 0 ? pid : -result;
        }
        finally
        {
            _ = FileActionsDestroy(actions);
            _ = AttrDestroy(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(allSignals);
            NativeMemory.Free(noSignals);
            foreach (var pointer in strings)
                Marshal.FreeCoTaskMem(pointer);
        }
    }

    private static nint Utf8(string text, List<nint> owned)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(text);
        owned.Add(pointer);
        return pointer;
    }

    private static void Check(int result)
    {
        if (result != 0)
            throw new InvalidOperationException($"posix_spawn set-up failed with error {result}");
    }

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int FileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int FileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileActionsAddOpen(void* actions, int fd, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static partial int FileActionsAddDup2(void* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileActionsAddChdir(void* actions, string path);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static partial int AttrInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static partial int AttrDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static partial int AttrSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static partial int AttrSetSigDefault(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static partial int AttrSetSigMask(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    private static partial int SigFillSet(void* set);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    private static partial int SigEmptySet(void* set);

    [LibraryImport("libc", EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int PosixSpawn(int* pid, string path, void* actions, void* attributes, nint* argv, nint* envp);
}
