using System.Runtime.Versioning;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>The machine's boot time from /proc/stat's <c>btime</c> line, and what a missing or garbled one gives (nothing).</summary>
[SupportedOSPlatform("linux")]
public sealed class BootTimeTests : IDisposable
{
    private readonly TempDir _proc = new();

    public void Dispose() => _proc.Dispose();

    [Fact]
    public void The_btime_line_is_the_boot_time_in_seconds_since_the_epoch()
    {
        _proc.Write("stat", "cpu  2255 34 2290 22625563 6290 127 456\nintr 1462898\nctxt 115315\nbtime 1795410000\nprocesses 2915\n");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795410000), new ProcessTable(_proc.Path).BootTime());
    }

    [Theory]
    [InlineData("cpu  1 2 3\nprocesses 2915\n")] // no btime line
    [InlineData("btime \n")] // empty
    [InlineData("btime soon\n")] // not a number
    [InlineData("btime -5\n")] // signed
    [InlineData("btime 0\n")] // the epoch itself: not a boot
    [InlineData("btimes 1795410000\n")] // another key
    public void A_stat_file_without_a_usable_btime_gives_no_boot_time(string content)
    {
        _proc.Write("stat", content);

        Assert.Null(new ProcessTable(_proc.Path).BootTime());
    }

    [Fact]
    public void A_missing_stat_file_gives_no_boot_time() => Assert.Null(new ProcessTable(_proc.Path).BootTime());

    [Fact]
    public void This_machine_booted_in_the_past()
    {
        var boot = new ProcessTable().BootTime();

        Assert.NotNull(boot);
        Assert.InRange(boot!.Value, DateTimeOffset.UnixEpoch.AddYears(30), TimeProvider.System.GetUtcNow());
    }
}
