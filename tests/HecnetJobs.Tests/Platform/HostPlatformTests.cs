using HecnetJobs.Platform;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Tests.Platform;

/// <summary>The platform is picked once, and on Linux it is the libc and /proc one.</summary>
public sealed class HostPlatformTests
{
    [Fact]
    public void On_linux_the_current_platform_uses_libc_and_proc()
    {
        var platform = HostPlatform.Current;

        Assert.Equal("linux", platform.Name);
        Assert.IsType<ProcessTable>(platform.Processes);
        Assert.IsType<LinuxProcessControl>(platform.Control);
        Assert.IsType<LinuxFiles>(platform.Files);
        Assert.True(platform.Control.CanAskToStop);
    }

    [Fact]
    public void The_current_platform_is_the_same_object_every_time()
    {
        Assert.Same(HostPlatform.Current, HostPlatform.Current);
    }

    [Fact]
    public void The_windows_platform_has_no_graceful_stop_and_no_process_groups()
    {
        var platform = HostPlatform.Windows();

        Assert.Equal("windows", platform.Name);
        Assert.False(platform.Control.CanAskToStop);
        Assert.Equal(-1, platform.Control.ProcessGroup(Environment.ProcessId));
    }

    [Fact]
    public void The_windows_files_keep_no_owner_sync_no_folder_and_make_no_hard_link()
    {
        using var dir = new Support.TempDir();
        var from = dir.Write("names.dat", "1.13 MIM\n");
        var to = dir.Write("names.new", "1.13 MIM\n");
        var notes = new List<string>();
        var files = new WindowsFiles();

        files.CopyOwnerAndMode(from, to, notes);

        Assert.Empty(notes);
        Assert.Null(files.SyncDirectory(dir.Path));
        Assert.False(files.TryHardLink(from, dir.File("names.dat.bak")));
        Assert.False(File.Exists(dir.File("names.dat.bak")));
        Assert.Null(files.IsSocket(dir.File("missing.sock")));
        Assert.False(files.IsSocket(from));
    }

    [Fact]
    public void The_linux_files_tell_a_socket_from_a_plain_file()
    {
        using var dir = new Support.TempDir();
        var plain = dir.Write("plain", "x");
        var socketPath = dir.File("api.sock");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
        var files = new LinuxFiles();

        Assert.True(files.IsSocket(socketPath));
        Assert.False(files.IsSocket(plain));
        Assert.Null(files.IsSocket(dir.File("missing.sock")));
    }
}
