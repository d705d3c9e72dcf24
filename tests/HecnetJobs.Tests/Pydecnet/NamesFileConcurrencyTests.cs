using System.Collections.Concurrent;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

public sealed class NamesFileConcurrencyTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_reader_sees_either_the_whole_old_file_or_the_whole_new_one_while_it_is_rewritten()
    {
        using var dir = new TempDir();
        var path = dir.File("nodenames.dat");
        var big = NodeListParser.Parse(File.ReadAllText(RepoPaths.Sample("nodenames.dat"))).Entries.Select(e => e.Entry).ToList();
        var small = big.Take(50).ToList();
        var complete = new HashSet<string>
        {
            NamesFileWriter.Format(big, NamesInclude.NodeAt),
            NamesFileWriter.Format(small, NamesInclude.NodeAt),
        };
        NamesFileWriter.Write(path, small, NamesInclude.NodeAt);

        var bad = new ConcurrentQueue<string>();
        var reads = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var text = File.ReadAllText(path);
                    var count = NodeListParser.Parse(text).Entries.Count;
                    if (!complete.Contains(text) || (count != big.Count && count != small.Count))
                        bad.Enqueue($"a read of {text.Length} characters and {count} entries");
                }
                catch (IOException ex)
                {
                    bad.Enqueue(ex.Message);
                }
                Interlocked.Increment(ref reads);
            }
        });

        for (var i = 0; i < 100; i++)
        {
            var before = Volatile.Read(ref reads);
            NamesFileWriter.Write(path, i % 2 == 0 ? big : small, NamesInclude.NodeAt);
            // Let the reader finish at least one read per write, so reads and renames interleave.
            while (Volatile.Read(ref reads) == before && !reader.IsCompleted)
                await Task.Yield();
        }
        await stop.CancelAsync();
        await reader;

        Assert.True(bad.IsEmpty, string.Join("\n", bad.Take(5)));
        Assert.True(reads >= 100, $"only {reads} reads");
    }
}
