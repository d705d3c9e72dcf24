namespace HecnetJobs.Names;

/// <summary>Puts a names file's backup back in place atomically, keeping the file it replaces aside.</summary>
public static class NamesFileRestorer
{
    /// <summary>Copies <paramref name="backup"/> over <paramref name="file"/> through a flushed temporary file and a rename; the replaced file is copied to <paramref name="keepAs"/> first.</summary>
    /// <exception cref="HecnetJobsException">A file could not be copied or renamed; <paramref name="file"/> is then unchanged.</exception>
    public static void Restore(string file, string backup, string keepAs)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var source = File.OpenRead(backup))
            using (var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                source.CopyTo(copy);
                copy.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, File.GetUnixFileMode(backup));
            File.Copy(file, keepAs, overwrite: true);
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp))
                File.Delete(temp);
            throw new HecnetJobsException($"{file}: cannot put back {backup}: {Pydecnet.FileErrors.Reason(e)}", ExitCodes.JobFailed, e);
        }
    }
}
