using HecnetJobs.Status;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Status;

public sealed partial class HostVitalsTests
{
    [Fact]
    public void Vitals_read_on_this_machine_are_plausible()
    {
        using var dir = new TempDir();

        var vitals = HostVitalsReader.Read([dir.Path]);

        var disk = Assert.Single(vitals.Disks);
        Assert.Equal(dir.Path, disk.Path);
        Assert.StartsWith(disk.MountPoint.TrimEnd('/'), dir.Path, StringComparison.Ordinal);
        Assert.InRange(disk.TotalBytes, 1, long.MaxValue);
        Assert.InRange(disk.FreeBytes, 0, disk.TotalBytes);
        Assert.NotNull(vitals.MemTotalBytes);
        Assert.NotNull(vitals.MemAvailableBytes);
        Assert.InRange(vitals.MemAvailableBytes.Value, 1, vitals.MemTotalBytes.Value);
        foreach (var load in new[] { vitals.Load1, vitals.Load5, vitals.Load15 })
        {
            Assert.NotNull(load);
            Assert.True(load >= 0, $"load {load}");
        }
    }

    [Fact]
    public void A_path_not_created_yet_is_measured_on_the_mount_of_its_nearest_existing_parent()
    {
        using var dir = new TempDir();
        var missing = Path.Combine(dir.Path, "not", "there", "yet");

        var vitals = HostVitalsReader.Read([dir.Path, missing]);

        Assert.Equal([dir.Path, missing], vitals.Disks.Select(d => d.Path));
        Assert.Equal(vitals.Disks[0].MountPoint, vitals.Disks[1].MountPoint);
        Assert.Equal(dir.Path, HostVitalsReader.NearestExisting(missing));
    }

    [Fact]
    public void No_paths_give_no_disks()
    {
        Assert.Empty(HostVitalsReader.Read([]).Disks);
    }

    public static TheoryData<string, string[], int> Mounts => new()
    {
        { "/var/lib/hecnetjobs", ["/", "/var", "/var/li", "/boot"], 1 },
        { "/var", ["/", "/var", "/boot"], 1 },
        { "/variable/data", ["/", "/var"], 0 },
        { "/var/li", ["/", "/var", "/var/li"], 2 },
        { "/mnt/usb/logs", ["/", "/mnt/usb", "/mnt", "/mnt/usb"], 3 },
        { "/", ["/boot", "/"], 1 },
        { "/srv", ["/boot", "/home"], -1 },
    };

    [Theory]
    [MemberData(nameof(Mounts))]
    public void A_path_is_on_the_longest_whole_segment_mount_root_and_the_later_of_two_equal_roots(string path, string[] roots, int expected)
    {
        Assert.Equal(expected, HostVitalsReader.FindMount(path, roots));
    }

    [Fact]
    public void Memory_and_load_are_read_from_meminfo_in_kib_and_loadavg()
    {
        using var proc = new TempDir();
        proc.Write("meminfo", "MemTotal:        3884620 kB\nMemFree:          171464 kB\nMemAvailable:    2042344 kB\nBuffers:           91204 kB\n");
        proc.Write("loadavg", "0.52 1.25 3.00 2/318 40213\n");

        var vitals = HostVitalsReader.Read([], proc.Path);

        Assert.Equal(3884620L * 1024, vitals.MemTotalBytes);
        Assert.Equal(2042344L * 1024, vitals.MemAvailableBytes);
        Assert.Equal(0.52, vitals.Load1);
        Assert.Equal(1.25, vitals.Load5);
        Assert.Equal(3.00, vitals.Load15);
    }

    [Fact]
    public void Without_meminfo_and_loadavg_memory_and_load_are_unknown()
    {
        using var proc = new TempDir();

        var vitals = HostVitalsReader.Read([], proc.Path);

        Assert.Equal(new HostVitals([], null, null, null, null, null), vitals with { Disks = [] });
    }

    [Theory]
    [InlineData("an old kernel without MemAvailable", "MemTotal: 3884620 kB\nMemFree: 171464 kB\n", 3884620L * 1024, null)]
    [InlineData("values without a unit", "MemTotal: 3884620\nMemAvailable: 2042344\n", null, null)]
    [InlineData("values that are not numbers", "MemTotal: lots kB\nMemAvailable: -5 kB\n", null, null)]
    [InlineData("a value too large for bytes", "MemTotal: 99999999999999999 kB\nMemAvailable: 1 kB\n", null, 1024L)]
    [InlineData("a key with no colon", "MemTotal 3884620 kB\nMemAvailableX: 7 kB\n", null, null)]
    [InlineData("an empty file", "", null, null)]
    public void A_garbled_meminfo_leaves_the_unreadable_fields_unknown(string what, string meminfo, long? total, long? available)
    {
        using var proc = new TempDir();
        proc.Write("meminfo", meminfo);

        var vitals = HostVitalsReader.Read([], proc.Path);

        Assert.True(total == vitals.MemTotalBytes, $"{what}: total {vitals.MemTotalBytes}");
        Assert.True(available == vitals.MemAvailableBytes, $"{what}: available {vitals.MemAvailableBytes}");
    }

    [Theory]
    [InlineData("", null, null, null)]
    [InlineData("0.52\n", 0.52, null, null)]
    [InlineData("0.52 high 3.00 2/318 40213\n", 0.52, null, 3.0)]
    [InlineData("-1.00 1,25 NaN 2/318 40213\n", null, null, null)]
    public void A_garbled_loadavg_leaves_the_unreadable_averages_unknown(string loadavg, double? load1, double? load5, double? load15)
    {
        using var proc = new TempDir();
        proc.Write("loadavg", loadavg);

        var vitals = HostVitalsReader.Read([], proc.Path);

        Assert.Equal((load1, load5, load15), (vitals.Load1, vitals.Load5, vitals.Load15));
    }
}
