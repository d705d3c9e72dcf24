using System.Text;

namespace HecnetJobs.Pydecnet;

/// <summary>Where PyDECnet's output files ended at some moment, so that what it wrote since can be read back.</summary>
/// <param name="Marks">Each file's path and its length at that moment.</param>
public sealed record OutputTail(IReadOnlyList<(string Path, long Length)> Marks)
{
    private const int MaxBytes = 64 * 1024;

    /// <summary>Marks the current end of each existing or future file.</summary>
    public static OutputTail Mark(params string?[] paths) =>
        new(paths.OfType<string>().Distinct().Select(p => (p, Length(p))).ToArray());

    /// <summary>The marks as text for the store: one <c>length TAB path</c> per line.</summary>
    public string ToText() => string.Join('\n', Marks.Select(m => $"{m.Length}\t{m.Path}"));

    /// <summary>Reads marks written by <see cref="ToText"/>; unreadable lines are skipped.</summary>
    public static OutputTail FromText(string? text) => new((text ?? "")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split('\t', 2))
        .Where(parts => parts.Length == 2 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out _))
        .Select(parts => (parts[1], long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)))
        .ToArray());

    /// <summary>Lines written since the mark (the last 64 KiB of each file at most), console output first.</summary>
    public IReadOnlyList<string> ReadSince()
    {
        var lines = new List<string>();
        foreach (var (path, length) in Marks)
            lines.AddRange(Read(path, length));
        return lines;
    }

    /// <summary>The last <paramref name="count"/> lines of a file, for evidence in an alert.</summary>
    public static IReadOnlyList<string> LastLines(string? path, int count)
    {
        if (path is null)
            return [];
        var lines = Read(path, Math.Max(0, Length(path) - MaxBytes));
        return lines.Skip(Math.Max(0, lines.Count - count)).ToArray();
    }

    private static List<string> Read(string path, long from)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // A file that shrank was rotated or truncated: everything in it is new.
            var start = stream.Length < from ? 0 : Math.Max(from, stream.Length - MaxBytes);
            stream.Seek(start, SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = reader.ReadToEnd();
            return text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static long Length(string path)
    {
        try
        {
            return new FileInfo(path).Exists ? new FileInfo(path).Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
