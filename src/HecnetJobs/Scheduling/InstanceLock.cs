using System.Globalization;
using System.Text;

namespace HecnetJobs.Scheduling;

/// <summary>
/// The single-instance lock: an OS lock on <c>&lt;data&gt;/hecnetjobs.lock</c>, held for the life of the process and released by
/// the OS when it dies, so a killed holder never leaves a stale lock. The file holds the holder's PID for messages.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private readonly FileStream _stream;

    private InstanceLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Takes the lock, or returns null with the PID of the holder (null when it could not be read).</summary>
    public static InstanceLock? TryAcquire(string path, out int? holderPid)
    {
        holderPid = null;
        FileStream stream;
        try
        {
            // On Unix, FileShare.None makes .NET take flock(LOCK_EX); on Windows it is a share-mode lock. Either way the
            // OS drops it when the process ends, however it ends.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, OperatingSystem.IsWindows() ? FileShare.Read : FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            holderPid = ReadHolder(path);
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new HecnetJobsException($"{path}: cannot create the lock file (permission denied); the data folder must be writable by this user", ExitCodes.Config, e);
        }
        stream.SetLength(0);
        stream.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n")));
        stream.Flush(flushToDisk: true);
        return new InstanceLock(stream, path);
    }

    /// <summary>The message for a refused lock, naming the holder when known.</summary>
    public static HecnetJobsException AlreadyRunning(string path, int? holderPid) => new(
        holderPid is { } pid
            ? $"HecnetJobs is already running as PID {pid} (lock {path}); stop it first, or use 'hecnetjobs trigger' to hand it work"
            : $"HecnetJobs is already running (lock {path} is held); stop it first, or use 'hecnetjobs trigger' to hand it work",
        ExitCodes.TempFail);

    /// <summary>The PID written in a lock file someone else holds, or null.</summary>
    public static int? ReadHolder(string path)
    {
        var text = OperatingSystem.IsLinux() ? LockFileReader.Read(path) : ReadShared(path);
        return int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static string? ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
