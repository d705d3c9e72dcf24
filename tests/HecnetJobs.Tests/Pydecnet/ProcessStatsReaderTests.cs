using System.Diagnostics;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

public sealed partial class ProcessStatsReaderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public void The_test_process_reads_with_memory_threads_a_command_line_and_a_start_within_the_last_hour()
    {
        var now = TimeProvider.System.GetUtcNow();

        var stats = ProcessStatsReader.TryRead(Environment.ProcessId);

        Assert.NotNull(stats);
        Assert.Equal(Environment.ProcessId, stats.Pid);
        Assert.True(stats.RssBytes > 0, $"RSS {stats.RssBytes}");
        Assert.True(stats.Threads >= 1, $"threads {stats.Threads}");
        Assert.True(stats.CpuTime > TimeSpan.Zero, $"CPU time {stats.CpuTime}");
        Assert.NotEmpty(stats.CommandLine);
        Assert.NotEqual("", stats.Comm);
        Assert.NotNull(stats.StartedAt);
        // btime is in whole seconds, so the start can read up to a second late.
        Assert.InRange(stats.StartedAt.Value, now - TimeSpan.FromHours(1), now + TimeSpan.FromSeconds(2));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_sleeping_child_reads_as_sleep_with_its_arguments_one_thread_and_a_recent_start()
    {
        using var child = Start("sleep", "30");
        try
        {
            var now = TimeProvider.System.GetUtcNow();

            var stats = ProcessStatsReader.TryRead(child.Id);

            Assert.NotNull(stats);
            Assert.Equal("sleep", stats.Comm);
            Assert.Equal(["sleep", "30"], stats.CommandLine);
            Assert.Equal(1, stats.Threads);
            Assert.True(stats.RssBytes > 0, $"RSS {stats.RssBytes}");
            Assert.NotNull(stats.StartedAt);
            Assert.InRange(stats.StartedAt.Value, now - TimeSpan.FromMinutes(1), now + TimeSpan.FromSeconds(2));
            Assert.False(ProcessStatsReader.IsZombie(child.Id));
        }
        finally
        {
            await Stop(child);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_child_that_was_killed_and_reaped_reads_as_null_and_not_a_zombie()
    {
        using var child = Start("sleep", "30");
        Assert.NotNull(ProcessStatsReader.TryRead(child.Id));

        await Stop(child);

        Assert.Null(ProcessStatsReader.TryRead(child.Id));
        Assert.False(ProcessStatsReader.IsZombie(child.Id));
        Assert.DoesNotContain(child.Id, ProcessStatsReader.ListPids());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_exited_child_its_parent_never_waits_for_is_a_zombie_with_no_command_line()
    {
        // The shell starts a short sleep, prints its pid, then becomes a long sleep that never reaps it. The child
        // outlives the exec by a second: a child that ended before it could still be reaped by the shell itself.
        using var parent = Start("sh", "-c", "sleep 1 & echo $!; exec sleep 30");
        try
        {
            var line = await parent.StandardOutput.ReadLineAsync().WaitAsync(Deadline);
            var zombie = int.Parse(line!, System.Globalization.CultureInfo.InvariantCulture);

            await Poll.UntilAsync(
                () => ProcessStatsReader.IsZombie(zombie),
                $"process {zombie} to become a zombie",
                () => File.ReadAllText($"/proc/{zombie}/stat"));

            var stats = ProcessStatsReader.TryRead(zombie);
            Assert.NotNull(stats);
            Assert.Equal("sleep", stats.Comm);
            Assert.Empty(stats.CommandLine);
            Assert.Equal(0, stats.RssBytes);
        }
        finally
        {
            await Stop(parent);
        }
    }

    [Fact]
    public void The_process_list_holds_the_test_process_in_ascending_order()
    {
        var pids = ProcessStatsReader.ListPids();

        Assert.Contains(Environment.ProcessId, pids);
        Assert.Equal(pids.Order(), pids);
    }

    [Fact]
    public void The_process_list_takes_only_numeric_folders()
    {
        using var proc = new TempDir();
        foreach (var name in new[] { "4242", "17", "self", "12a", "0" })
            Directory.CreateDirectory(proc.File(name));
        proc.Write("99", "a file, not a folder");

        Assert.Equal([17, 4242], ProcessStatsReader.ListPids(proc.Path));
    }

    [Fact]
    public void The_process_list_is_empty_without_a_proc_folder()
    {
        using var dir = new TempDir();

        Assert.Empty(ProcessStatsReader.ListPids(dir.File("no-proc-here")));
    }

    private static Process Start(params string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in command[1..])
            info.ArgumentList.Add(argument);
        return Process.Start(info) ?? throw new InvalidOperationException($"{command[0]} did not start");
    }

    private static async Task Stop(Process process)
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().WaitAsync(Deadline);
    }
}
