using HecnetJobs.Config;

namespace HecnetJobs.Store;

/// <summary>Makes sure the data folder exists and can be written, with a message that says which key to fix.</summary>
public static class DataDirectory
{
    public static void Prepare(HecnetJobsOptions options)
    {
        var problem = Check(options.DataDir, create: true);
        if (problem is not null)
            throw new HecnetJobsException($"{options.ConfigFile}: 'dataDir': '{options.DataDir}' {problem}", ExitCodes.Config);
    }

    /// <summary>What is wrong with the folder, or null when a file can be created in it.</summary>
    public static string? Check(string folder, bool create)
    {
        try
        {
            if (File.Exists(folder))
                return "is a file, expected a folder";
            if (!Directory.Exists(folder))
            {
                if (!create)
                    return NearestParentProblem(folder);
                try
                {
                    Directory.CreateDirectory(folder);
                }
                catch (IOException)
                {
                    return "cannot be created (the file system refuses a folder there); create it by hand or choose another folder";
                }
            }
            var probe = Path.Combine(folder, $".write-test.{Environment.ProcessId}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "is not writable by this user (permission denied); fix its owner or mode, or choose another folder";
        }
        catch (IOException)
        {
            return "does not accept new files; choose another folder";
        }
    }

    /// <summary>For <c>check</c>, which creates nothing: a missing folder is fine if it could be created.</summary>
    private static string? NearestParentProblem(string folder)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder));
        while (parent is not null && !Directory.Exists(parent))
            parent = Path.GetDirectoryName(parent);
        if (parent is null)
            return "cannot be created (no existing parent folder)";
        var problem = Check(parent, create: false);
        return problem is null ? null : $"does not exist and cannot be created: '{parent}' {problem}";
    }
}
