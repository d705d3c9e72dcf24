using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>Reading back what PyDECnet wrote since a start, from real files that grow, appear, shrink and get long.</summary>
public sealed class OutputTailTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Console => _dir.File("console.log");

    private string Log => _dir.File("node.log");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Only_lines_written_after_the_mark_are_read()
    {
        File.WriteAllText(Console, "old 1\nold 2\n");
        var mark = OutputTail.Mark(Console);

        File.AppendAllText(Console, "new 1\nnew 2\n");

        Assert.Equal(["new 1", "new 2"], mark.ReadSince());
    }

    [Fact]
    public void A_file_that_did_not_exist_at_the_mark_is_read_whole()
    {
        var mark = OutputTail.Mark(Console);

        File.WriteAllText(Console, "first\n");

        Assert.Equal(["first"], mark.ReadSince());
    }

    [Fact]
    public void A_file_that_shrank_since_the_mark_was_rotated_and_is_read_whole()
    {
        File.WriteAllText(Console, new string('x', 500) + "\n");
        var mark = OutputTail.Mark(Console);

        File.WriteAllText(Console, "after rotation\n");

        Assert.Equal(["after rotation"], mark.ReadSince());
    }

    [Fact]
    public void Console_output_comes_before_the_log_file_and_blank_lines_and_carriage_returns_are_dropped()
    {
        var mark = OutputTail.Mark(Console, null, Log, Console);

        File.WriteAllText(Log, "log line\r\n\r\n");
        File.WriteAllText(Console, "console line\n\n");

        Assert.Equal(2, mark.Marks.Count);
        Assert.Equal(["console line", "log line"], mark.ReadSince());
    }

    [Fact]
    public void At_most_the_last_64_KiB_of_a_file_are_read()
    {
        var mark = OutputTail.Mark(Console);
        File.WriteAllText(Console, string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i:00000}\n")));

        var lines = mark.ReadSince();

        Assert.Equal("line 19999", lines[^1]);
        Assert.True(lines.Sum(l => l.Length + 1) <= 64 * 1024, $"{lines.Count} lines read");
        Assert.True(lines.Count > 5000, $"{lines.Count} lines read");
    }

    [Fact]
    public void Marks_survive_a_round_trip_through_the_store_text()
    {
        File.WriteAllText(Console, "12345\n");
        var mark = OutputTail.Mark(Console, Log);

        var text = mark.ToText();

        Assert.Equal($"6\t{Console}\n0\t{Log}", text);
        Assert.Equal(mark.Marks, OutputTail.FromText(text).Marks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("x\t/tmp/file")]
    public void Unreadable_store_text_gives_no_marks(string? text)
    {
        Assert.Empty(OutputTail.FromText(text).Marks);
    }

    [Fact]
    public void Unreadable_lines_are_skipped_and_the_rest_kept()
    {
        Assert.Equal([(Console, 7L)], OutputTail.FromText($"garbage\n7\t{Console}\n").Marks);
    }

    [Fact]
    public void The_last_lines_of_a_file_are_given_for_alert_evidence()
    {
        File.WriteAllText(Log, "a\nb\nc\nd\n");

        Assert.Equal(["c", "d"], OutputTail.LastLines(Log, 2));
        Assert.Equal(["a", "b", "c", "d"], OutputTail.LastLines(Log, 10));
        Assert.Empty(OutputTail.LastLines(_dir.File("missing.log"), 5));
        Assert.Empty(OutputTail.LastLines(null, 5));
    }
}
