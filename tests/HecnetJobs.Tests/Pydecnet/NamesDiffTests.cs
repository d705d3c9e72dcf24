using HecnetJobs.Pydecnet;

namespace HecnetJobs.Tests.Pydecnet;

public sealed class NamesDiffTests
{
    [Fact]
    public void The_same_entries_in_another_order_are_no_change()
    {
        var diff = NamesDiff.Compare(Parse("1.13 MIM", "1.2 ERNIE"), Parse("1.2 ERNIE", "1.13 MIM"));

        Assert.True(diff.IsEmpty);
        Assert.Equal("no change", diff.Summary);
    }

    [Fact]
    public void Added_removed_and_renamed_are_matched_by_address_and_summed_up_in_one_line()
    {
        var diff = NamesDiff.Compare(
            Parse("1.13 MIM", "1.5 OLD", "1.6 GONE", "1.7 GONE2"),
            Parse("1.13 MIM", "1.5 NEW", "2.1 FOOBAR"));

        Assert.Equal(["2.1 FOOBAR"], diff.Added.Select(e => e.ToString()));
        Assert.Equal(["1.6 GONE", "1.7 GONE2"], diff.Removed.Select(e => e.ToString()));
        Assert.Equal([new NodeRename(new DecnetAddress(1, 5), "OLD", "NEW")], diff.Renamed);
        Assert.Equal("1 added, 2 removed, 1 renamed (1.5 OLD -> NEW)", diff.Summary);
    }

    [Fact]
    public void A_name_that_moves_to_another_address_is_one_removed_and_one_added()
    {
        Assert.Equal("1 added, 1 removed", NamesDiff.Compare(Parse("1.13 MIM"), Parse("1.14 MIM")).Summary);
    }

    [Fact]
    public void Only_the_first_three_renames_are_spelled_out()
    {
        var diff = NamesDiff.Compare(
            Parse("1.1 A", "1.2 B", "1.3 C", "1.4 D", "1.5 E"),
            Parse("1.1 AA", "1.2 BB", "1.3 CC", "1.4 DD", "1.5 EE"));

        Assert.Equal("5 renamed (1.1 A -> AA, 1.2 B -> BB, 1.3 C -> CC, 2 more)", diff.Summary);
    }

    [Fact]
    public void Everything_is_added_when_there_was_no_names_file()
    {
        Assert.Equal("2 added", NamesDiff.Compare([], Parse("1.13 MIM", "1.2 ERNIE")).Summary);
    }

    private static List<NodeEntry> Parse(params string[] lines) =>
        NodeListParser.Parse(string.Join("\n", lines)).Entries.Select(e => e.Entry).ToList();
}
