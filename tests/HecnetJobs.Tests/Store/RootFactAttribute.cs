namespace HecnetJobs.Tests.Store;

/// <summary>A test that mounts a file system of its own; skipped, saying why, when not run as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            Skip = "needs root on Linux to mount a small tmpfs (scripts/test.sh as root, as CI runs it)";
    }
}
