using System.Diagnostics;
using System.Globalization;
using System.Text;
using HecnetJobs.Pydecnet;

// The name refresh's pure work on one list, as the job does it: parse, validate against the current file (read from
// disk), diff, atomic write. Each run replaces the file with the other of two variants of the list, so the diff and the
// write always have work. One list per process, so the peak resident memory belongs to that list alone.
if (args.Length < 2 || args[0] is not ("nodenames" or "every-address"))
{
    Console.Error.WriteLine("usage: NamesBench nodenames|every-address RUNS [NODENAMES_DAT]");
    return 2;
}
var runs = int.Parse(args[1], CultureInfo.InvariantCulture);
var (a, b) = args[0] == "nodenames" ? Nodenames(args[2]) : (EveryAddress('A'), EveryAddress('B'));
var folder = Directory.CreateTempSubdirectory("names-bench-");
var file = Path.Combine(folder.FullName, "names.dat");
File.WriteAllText(file, b);
var options = new NodeListValidationOptions { Pinned = [], MaxShrinkFraction = 0.2 };

var times = new List<double>();
var allocated = new List<long>();
var entries = 0;
var changed = "";
for (var i = 0; i < runs + 2; i++)
{
    var text = i % 2 == 0 ? a : b;
    var before = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    var current = NamesFileReader.Read(file, NamesInclude.NodeAt);
    var parsed = NodeListParser.Parse(text);
    var validation = NodeListValidator.Validate(parsed, current.Entries, options);
    if (!validation.Accepted)
        throw new InvalidOperationException(validation.Reasons[0]);
    var diff = NamesDiff.Compare(current.Entries, validation.Entries);
    NamesFileWriter.Write(file, validation.Entries, NamesInclude.NodeAt);
    clock.Stop();
    // The first two runs warm up the JIT and the page cache; they are not counted.
    if (i < 2)
        continue;
    times.Add(clock.Elapsed.TotalMilliseconds);
    allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
    entries = validation.Entries.Count;
    changed = diff.Summary.Split(" (", 2)[0];
}
folder.Delete(recursive: true);

times.Sort();
allocated.Sort();
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{args[0],-14} {entries,7} entries  {runs,3} runs  median {times[times.Count / 2],8:0.0} ms  min {times[0],8:0.0} ms  max {times[^1],8:0.0} ms  allocated {allocated[allocated.Count / 2] / 1048576.0,6:0.0} MiB/run  peak RSS {peak / 1048576.0,6:0.0} MiB  ({changed})"));
return 0;

static (string A, string B) Nodenames(string path)
{
    var text = File.ReadAllText(path);
    // The second variant renames every node, so each run rewrites every line.
    var renamed = new StringBuilder();
    var index = 0;
    foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        renamed.Append(CultureInfo.InvariantCulture, $"{line.Split(' ')[0]} R{++index}\n");
    return (text, renamed.ToString());
}

static string EveryAddress(char prefix)
{
    var text = new StringBuilder();
    for (var area = 1; area <= 63; area++)
    {
        for (var node = 1; node <= 1023; node++)
            text.Append(CultureInfo.InvariantCulture, $"{area}.{node} {prefix}{Convert.ToString(((area - 1) * 1023) + node, 16).ToUpperInvariant()}\n");
    }
    return text.ToString();
}
