using System.Text;
using HecnetJobs.Platform;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Setup;

/// <summary>
/// The files setup writes, each so that a reader sees the whole old file or the whole new one: text goes to a
/// temporary file in the same folder, which is renamed over the target. A replaced file keeps its owner and mode
/// (the config's group lets the service account read it) and stays beside the new one as <c>.bak</c>.
/// </summary>
public static class SetupFiles
{
    /// <summary>The mode of a new config file: the owner writes, the group (the service account's) reads, nobody else.</summary>
    public const UnixFileMode ConfigMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    /// <summary>The mode of the secrets file: the owner only (systemd reads it as root).</summary>
    public const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The mode of jobs.xml, which holds nothing private.</summary>
    public const UnixFileMode PublicMode = ConfigMode | UnixFileMode.OtherRead;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> to a new temporary file beside <paramref name="target"/> with <paramref name="mode"/>, or with the target's owner and mode when it exists and <paramref name="keepMode"/>; returns its path.</summary>
    public static string WriteTemporary(string target, string text, UnixFileMode mode, bool keepMode = true, List<string>? notes = null)
    {
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = mode;
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Utf8NoBom.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            if (keepMode && File.Exists(target))
                HostPlatform.Current.Files.CopyOwnerAndMode(target, temp, notes ?? []);
            return temp;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Delete(temp);
            throw CannotWrite(target, e);
        }
    }

    /// <summary>Moves a temporary file over <paramref name="target"/>, keeping an existing target as <c>&lt;target&gt;.bak</c> when <paramref name="keepBackup"/>; returns the backup's path or null.</summary>
    public static string? Replace(string temp, string target, bool keepBackup)
    {
        string? backup = null;
        try
        {
            if (keepBackup && File.Exists(target))
            {
                backup = target + ".bak";
                File.Delete(backup);
                if (!HostPlatform.Current.Files.TryHardLink(target, backup))
                    File.Copy(target, backup, overwrite: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Delete(temp);
            throw CannotWrite(target, e);
        }
        // A folder that cannot be synced only weakens the rename against a power cut; the file is in place.
        _ = HostPlatform.Current.Files.SyncDirectory(Path.GetDirectoryName(target)!);
        return backup;
    }

    /// <summary>Writes a whole file through a temporary one (no backup).</summary>
    public static void Write(string target, string text, UnixFileMode mode, bool keepMode = true) =>
        Replace(WriteTemporary(target, text, mode, keepMode), target, keepBackup: false);

    /// <summary>The shipped jobs.xml, built into the program.</summary>
    public static string ShippedJobsXml()
    {
        using var stream = typeof(SetupFiles).Assembly.GetManifestResourceStream("HecnetJobs.jobs.xml")
            ?? throw new InvalidOperationException("the shipped jobs.xml is missing from the program (EmbeddedResource in HecnetJobs.csproj)");
        using var reader = new StreamReader(stream, Utf8NoBom);
        return reader.ReadToEnd();
    }

    /// <summary>Deletes a file setup made and no longer wants; a failure leaves a stray file that the error already explains.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only our own temporary or half-done files come here, after another error that is the one to report.
        }
    }

    /// <summary>Deletes an empty folder setup made and no longer wants.</summary>
    public static void DeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a folder setup made a moment ago comes here, after another error that is the one to report.
        }
    }

    private static HecnetJobsException CannotWrite(string target, Exception e) =>
        new($"{target}: cannot be written: {FileErrors.Reason(e)}; nothing was written", ExitCodes.CannotCreate, e);
}
