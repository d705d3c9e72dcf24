using System.Globalization;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

public sealed partial class ProcessStatsReaderTests
{
    private const int Pid = 4242;
    private const long BootSeconds = 1_700_000_000;
    private static readonly long Hz = ProcessStatsReader.ClockTicksPerSecond;
    private static readonly DateTimeOffset Boot = DateTimeOffset.FromUnixTimeSeconds(BootSeconds);

    private const string Status = "Name:\tpython3\nState:\tS (sleeping)\nPid:\t4242\nVmRSS:\t   51200 kB\nThreads:\t3\n";
    private const string CommandLine = "python3\0-m\0decnet.main\0/etc/pydecnet.conf\0";

    /// <summary>A stat line as the kernel writes it, with CPU 20 s, start an hour after boot, 3 threads and 1000 pages resident.</summary>
    private static string Stat(string comm = "python3", string state = "S", string utime = "", string start = "", string threads = "3", string pid = "4242") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{pid} ({comm}) {state} 1 4242 4242 0 -1 4194560 1500 0 3 0 {(utime.Length > 0 ? utime : $"{15 * Hz}")} {5 * Hz} 0 0 -2 0 {threads} 0 "
            + $"{(start.Length > 0 ? start : $"{3600 * Hz}")} 52428800 1000 18446744073709551615 1 1 0 0 0 0 0 16781312 2 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0\n");

    /// <summary>A fake /proc with process 4242 (stat, status, cmdline) and a /proc/stat that gives the boot time.</summary>
    private static TempDir FakeProc(string? stat = null, string status = Status, string cmdline = CommandLine)
    {
        var proc = new TempDir();
        proc.Write("stat", $"cpu  1 2 3 4\nbtime {BootSeconds}\nprocesses 99\n");
        proc.Write($"{Pid}/stat", stat ?? Stat());
        proc.Write($"{Pid}/status", status);
        proc.Write($"{Pid}/cmdline", cmdline);
        return proc;
    }

    [Fact]
    public void A_well_formed_fake_process_reads_every_field()
    {
        using var proc = FakeProc();

        var stats = ProcessStatsReader.TryRead(Pid, proc.Path);

        Assert.NotNull(stats);
        Assert.Equal(Pid, stats.Pid);
        Assert.Equal(51200L * 1024, stats.RssBytes);
        Assert.Equal(TimeSpan.FromSeconds(20), stats.CpuTime);
        Assert.Equal(3, stats.Threads);
        Assert.Equal(Boot + TimeSpan.FromHours(1), stats.StartedAt);
        Assert.Equal("python3", stats.Comm);
        Assert.Equal(["python3", "-m", "decnet.main", "/etc/pydecnet.conf"], stats.CommandLine);
    }

    [Theory]
    [InlineData("pydecnet router")]
    [InlineData("a) (b")]
    [InlineData("x) S 1 2 3 )")]
    [InlineData(")(")]
    [InlineData("")]
    public void A_comm_with_spaces_and_parentheses_is_read_whole(string comm)
    {
        using var proc = FakeProc(stat: Stat(comm: comm));

        var stats = ProcessStatsReader.TryRead(Pid, proc.Path);

        Assert.NotNull(stats);
        Assert.Equal(comm, stats.Comm);
        Assert.Equal(TimeSpan.FromSeconds(20), stats.CpuTime);
        Assert.Equal(3, stats.Threads);
    }

    public static TheoryData<string, string> MalformedStats => new()
    {
        { "an empty file", "\n" },
        { "no parentheses", "4242 python3 S 1 4242\n" },
        { "no closing parenthesis", "4242 (python3 S 1 4242 4242 0 -1\n" },
        { "no pid", Stat()[4..] },
        { "a pid that is not a number", Stat(pid: "x42") },
        { "another process's pid", Stat(pid: "4243") },
        { "cut short after the comm", "4242 (python3) S 1 4242 4242 0 -1 4194560\n" },
        { "a two-letter state", Stat(state: "SS") },
        { "a CPU time that is not a number", Stat(utime: "12.5") },
        { "a negative CPU time", Stat(utime: "-5") },
        { "a start time in exponent form", Stat(start: "1e5") },
        { "a thread count beyond int", Stat(threads: "99999999999") },
        { "NUL bytes", "\0\0\0\0" },
    };

    [Theory]
    [MemberData(nameof(MalformedStats))]
    public void A_malformed_stat_file_reads_as_null_and_not_a_zombie(string what, string stat)
    {
        using var proc = FakeProc(stat: stat);

        Assert.True(ProcessStatsReader.TryRead(Pid, proc.Path) is null, what);
        Assert.False(ProcessStatsReader.IsZombie(Pid, proc.Path), what);
    }

    [Theory]
    [InlineData("stat")]
    [InlineData("status")]
    [InlineData("cmdline")]
    public void A_process_whose_file_has_vanished_reads_as_null(string file)
    {
        using var proc = FakeProc();
        File.Delete(proc.File($"{Pid}/{file}"));

        Assert.Null(ProcessStatsReader.TryRead(Pid, proc.Path));
    }

    [Fact]
    public void A_process_whose_folder_has_vanished_reads_as_null_and_not_a_zombie()
    {
        using var proc = FakeProc();
        Directory.Delete(proc.File($"{Pid}"), recursive: true);

        Assert.Null(ProcessStatsReader.TryRead(Pid, proc.Path));
        Assert.False(ProcessStatsReader.IsZombie(Pid, proc.Path));
    }

    [Theory]
    [InlineData("a status without VmRSS and Threads", "Name:\tkthreadd\nState:\tS (sleeping)\n")]
    [InlineData("a VmRSS and Threads that are not numbers", "VmRSS:\t lots kB\nThreads:\t\n")]
    [InlineData("an empty status", "")]
    [InlineData("negative values", "VmRSS:\t-4 kB\nThreads:\t-1\n")]
    public void A_garbled_status_falls_back_to_the_page_and_thread_counts_in_stat(string what, string status)
    {
        using var proc = FakeProc(stat: Stat(threads: "7"), status: status);

        var stats = ProcessStatsReader.TryRead(Pid, proc.Path);

        Assert.NotNull(stats);
        Assert.True(1000L * Environment.SystemPageSize == stats.RssBytes, what);
        Assert.True(stats.Threads == 7, what);
    }

    [Theory]
    [InlineData("no /proc/stat", null)]
    [InlineData("no btime line", "cpu  1 2 3 4\nprocesses 99\n")]
    [InlineData("a btime that is not a number", "btime soon\n")]
    [InlineData("a btime past the year 9999", "btime 99999999999999\n")]
    public void A_missing_or_garbled_boot_time_leaves_only_the_start_time_unknown(string what, string? procStat)
    {
        using var proc = FakeProc();
        if (procStat is null)
            File.Delete(proc.File("stat"));
        else
            proc.Write("stat", procStat);

        var stats = ProcessStatsReader.TryRead(Pid, proc.Path);

        Assert.NotNull(stats);
        Assert.True(stats.StartedAt is null, what);
        Assert.Equal(TimeSpan.FromSeconds(20), stats.CpuTime);
    }

    [Fact]
    public void Tick_counts_too_large_for_a_timespan_saturate_the_cpu_time_and_leave_the_start_unknown()
    {
        using var proc = FakeProc(stat: Stat(utime: $"{long.MaxValue}", start: $"{long.MaxValue}"));

        var stats = ProcessStatsReader.TryRead(Pid, proc.Path);

        Assert.NotNull(stats);
        Assert.Equal(TimeSpan.MaxValue, stats.CpuTime);
        Assert.Null(stats.StartedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0")]
    public void An_empty_command_line_reads_as_no_arguments(string cmdline)
    {
        using var proc = FakeProc(cmdline: cmdline);

        var stats = ProcessStatsReader.TryRead(Pid, proc.Path);

        Assert.NotNull(stats);
        Assert.Empty(stats.CommandLine);
    }

    [Fact]
    public void A_stat_in_state_z_is_a_zombie()
    {
        using var proc = FakeProc(stat: Stat(comm: "sleep) Z (", state: "Z"));

        Assert.True(ProcessStatsReader.IsZombie(Pid, proc.Path));
    }

    [Fact]
    public void A_comm_holding_a_z_does_not_make_a_sleeping_process_a_zombie()
    {
        using var proc = FakeProc(stat: Stat(comm: "sleep) Z (", state: "S"));

        Assert.False(ProcessStatsReader.IsZombie(Pid, proc.Path));
    }
}
