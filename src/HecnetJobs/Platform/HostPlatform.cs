namespace HecnetJobs.Platform;

/// <summary>
/// The platform seams, picked once at start: Linux gets libc and /proc, Windows (and any other system) gets the
/// <see cref="System.Diagnostics.Process"/>-based implementations. See docs/windows.md for how each one behaves.
/// </summary>
internal sealed class HostPlatform(string name, IProcessList processes, IProcessControl control, IPlatformFiles files)
{
    /// <summary>The seams for the system this process runs on.</summary>
    public static HostPlatform Current { get; } = Create();

    /// <summary><c>linux</c> or <c>windows</c>, for messages.</summary>
    public string Name { get; } = name;

    public IProcessList Processes { get; } = processes;

    public IProcessControl Control { get; } = control;

    public IPlatformFiles Files { get; } = files;

    /// <summary>The Windows implementations, whatever the system (tests run them on Linux).</summary>
    public static HostPlatform Windows()
    {
        // The list asks the control about the children it started, whose output may still be on its way to the log.
        var control = new WindowsProcessControl();
        return new("windows", new WindowsProcessList(control), control, new WindowsFiles());
    }

    private static HostPlatform Create()
    {
        if (!OperatingSystem.IsLinux())
            return Windows();
        var table = new Pydecnet.ProcessTable();
        return new("linux", table, new LinuxProcessControl(table), new LinuxFiles());
    }
}
