using System.Runtime.Versioning;
using System.Text;
using HecnetJobs.Tests.Support;
using Xunit.Abstractions;

namespace HecnetJobs.Tests.Jobs;

/// <summary>kill -9 of a real <c>hecnetjobs trigger name-refresh</c> at random moments never leaves a partial names file.</summary>
[SupportedOSPlatform("linux")]
[Collection(NameRefreshRunsAlone.Name)]
public sealed class NameRefreshCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Every address, 63 × 1,023 = 64,449 entries, each named with <paramref name="prefix"/> and its index in base 36.</summary>
    public static string EveryAddress(char prefix)
    {
        var text = new StringBuilder();
        for (var area = 1; area <= 63; area++)
        {
            for (var node = 1; node <= 1023; node++)
                text.Append(area).Append('.').Append(node).Append(' ').Append(prefix).Append(Base36(((area - 1) * 1023) + node)).Append('\n');
        }
        return text.ToString();
    }

    [Fact(Timeout = 180_000)]
    public async Task Killing_the_process_at_random_moments_leaves_the_old_file_or_the_new_one()
    {
        var a = EveryAddress('A');
        var b = EveryAddress('B');
        var names = _dir.Write("pydecnet/names.dat", a);
        var source = _dir.File("hecnod.txt");
        _dir.Write("jobs.xml", TestFiles.JobsXml(TestFiles.Job("name-refresh", "name-refresh")));
        var config = _dir.Write("config.json", $$"""
            {
              "dataDir": "data",
              "nameRefresh": {
                "url": "{{new Uri(source)}}",
                "namesFile": "{{names}}",
                "include": "node @file",
                "restart": "off",
                "pinned": []
              }
            }
            """);
        string[] trigger = ["trigger", "name-refresh", "--config", config];

        // Two whole runs (the first also creates the database), to learn how long a run takes on this machine; the
        // kills fall anywhere within the second one's length.
        var duration = TimeSpan.Zero;
        foreach (var list in new[] { b, a })
        {
            File.WriteAllText(source, list);
            var started = TimeProvider.System.GetTimestamp();
            using var whole = HecnetJobsProcess.Start(trigger);
            await whole.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(whole.ExitCode == 0, whole.Stderr);
            duration = TimeProvider.System.GetElapsedTime(started);
            Assert.Equal(list, File.ReadAllText(names));
        }

        var random = new Random(7);
        var (killedOld, killedNew, finished) = (0, 0, 0);
        for (var i = 0; i < 20; i++)
        {
            var old = File.ReadAllText(names);
            var next = old == a ? b : a;
            File.WriteAllText(source, next);
            using var child = HecnetJobsProcess.Start(trigger);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next((int)duration.TotalMilliseconds)));
            var exited = !SimNode.IsAlive(child.Pid);
            if (!exited)
                child.Signal(Signals.SIGKILL);
            await child.WaitForExitAsync(TimeSpan.FromSeconds(60));

            var now = File.ReadAllText(names);
            Assert.True(now == a || now == b, $"kill {i}: the names file is neither the old list nor the new one ({now.Length} characters)");
            if (exited)
                finished++;
            else if (now == old)
                killedOld++;
            else
                killedNew++;
        }

        using (var last = HecnetJobsProcess.Start(trigger))
        {
            await last.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(last.ExitCode == 0, last.Stderr);
        }
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(names)!, ".names.dat.*.tmp"));
        Assert.Contains(File.ReadAllText(names + ".bak"), new[] { a, b });
        output.WriteLine($"run {duration.TotalMilliseconds:0} ms; killed with the old file {killedOld}, with the new file {killedNew}; finished before the kill {finished}");
        // Not a timing assertion: the loop must have killed runs at all, or it proved nothing.
        Assert.True(killedOld + killedNew > 0, $"no run was killed (finished {finished})");
    }

    private static string Base36(int value)
    {
        const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var text = new StringBuilder();
        do
        {
            text.Insert(0, Digits[value % 36]);
            value /= 36;
        }
        while (value > 0);
        return text.ToString();
    }
}
