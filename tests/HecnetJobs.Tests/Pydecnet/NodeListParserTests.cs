using CsCheck;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

public sealed class NodeListParserTests
{
    [Fact]
    public void PyDECnet_s_shipped_nodenames_dat_parses_to_1229_entries_and_nothing_else()
    {
        var list = NodeListParser.Parse(File.ReadAllText(RepoPaths.Sample("nodenames.dat")));

        Assert.Equal(NodeListFormat.NamesFile, list.Format);
        Assert.Equal(1229, list.Entries.Count);
        Assert.Equal(0, list.UnknownCount);
        Assert.Equal(0, list.IgnoredCount);
        Assert.Equal(1229, list.LineCount);
        Assert.Equal(new NodeListEntry(13, "1.13 MIM", new DecnetAddress(1, 13), "MIM"), list.Entries[12]);
    }

    [Fact]
    public void The_hecnod_style_listing_gives_its_entries_skips_the_header_and_reports_the_line_without_a_name()
    {
        var list = NodeListParser.Parse(File.ReadAllText(RepoPaths.Sample("hecnet-daemon", "synthetic-hecnod-input.txt")));

        Assert.Equal(NodeListFormat.NcpListing, list.Format);
        Assert.Equal(["1.13 MIM", "1.2 ERNIE", "2.1 FOOBAR", "9.54 SAMPLE"], list.Entries.Select(e => e.Entry.ToString()));
        Assert.Equal([3, 4, 5, 6], list.Entries.Select(e => e.LineNumber));
        Assert.Equal([new NodeListLine(7, "7.5")], list.UnknownLines);
        Assert.Equal(2, list.IgnoredCount);
    }

    [Fact]
    public void The_old_hecnet_daemon_output_is_read_as_node_config_lines()
    {
        var list = NodeListParser.Parse(File.ReadAllText(RepoPaths.Sample("hecnet-daemon", "hecnet-daemon-output.nodenames.conf")));

        Assert.Equal(NodeListFormat.NodeLines, list.Format);
        Assert.Equal(["1.13 MIM", "1.2 ERNIE", "2.1 FOOBAR", "9.54 SAMPLE"], list.Entries.Select(e => e.Entry.ToString()));
        Assert.Equal(1, list.IgnoredCount);
        Assert.Equal(0, list.UnknownCount);
    }

    [Fact]
    public void A_listing_with_CRLF_headers_extra_columns_and_lower_case_names_parses()
    {
        const string text = "HECnet node list\r\nNode            State        Links\r\n\r\n"
            + "1.13 (MIM)      Reachable    2       3    DMC-0   1.13 (MIM)\r\n  2.1 (foobar)\r\n63.1023 (ABCDEF)Reachable\r\n";

        var list = NodeListParser.Parse(text);

        Assert.Equal(NodeListFormat.NcpListing, list.Format);
        Assert.Equal(["1.13 MIM", "2.1 FOOBAR", "63.1023 ABCDEF"], list.Entries.Select(e => e.Entry.ToString()));
        Assert.Equal((0, 3, 6), (list.UnknownCount, list.IgnoredCount, list.LineCount));
    }

    [Fact]
    public void A_line_in_another_format_than_the_first_entry_is_unknown()
    {
        var list = NodeListParser.Parse("1.13 MIM\nnode 1.2 ERNIE\n2.1 (FOOBAR)\n");

        Assert.Equal(NodeListFormat.NamesFile, list.Format);
        Assert.Equal(["1.13 MIM", "2.1 (FOOBAR)"], list.Entries.Select(e => e.Entry.ToString()));
        Assert.Equal([new NodeListLine(2, "node 1.2 ERNIE")], list.UnknownLines);
    }

    [Fact]
    public void Unknown_lines_are_all_counted_with_their_numbers_and_the_first_five_kept_as_examples()
    {
        var text = "1.13 MIM\n" + string.Join("\n", Enumerable.Range(1, 8).Select(i => $"1.{i} A B"));

        var list = NodeListParser.Parse(text);

        Assert.Equal(8, list.UnknownCount);
        Assert.Equal(Enumerable.Range(2, 8), list.UnknownLineNumbers);
        Assert.Equal(["1.1 A B", "1.2 A B", "1.3 A B", "1.4 A B", "1.5 A B"], list.UnknownExamples.Select(l => l.Text));
    }

    [Fact]
    public void Text_without_any_entry_has_no_format_and_every_non_blank_line_is_unknown()
    {
        var list = NodeListParser.Parse("<html>\n\n<body>Bad gateway</body>\n# not html\n");

        Assert.Equal(NodeListFormat.None, list.Format);
        Assert.Equal([1, 3], list.UnknownLineNumbers);
        Assert.Equal(2, list.IgnoredCount);
    }

    [Fact]
    public void A_byte_order_mark_is_reported_and_the_first_line_still_parses()
    {
        var list = NodeListParser.Parse("\uFEFF1.13 MIM\r1.2 ERNIE");

        Assert.True(list.HasByteOrderMark);
        Assert.Equal(["1.13 MIM", "1.2 ERNIE"], list.Entries.Select(e => e.Entry.ToString()));
    }

    [Fact]
    public void Random_text_never_throws_and_every_line_is_an_entry_unknown_or_ignored()
    {
        var fragment = Gen.OneOf(
            Gen.String,
            Gen.OneOf("1.13", "64.1", " ", "\t", "\r\n", "\n", "\r", "(", ")", "node", "MIM", "#", "\uFEFF", "9999999999.1", ".", "\u0663"));
        fragment.Array[0, 40].Select(parts => string.Concat(parts)).Sample(text =>
        {
            var list = NodeListParser.Parse(text);
            Assert.Equal(list.LineCount, list.Entries.Count + list.UnknownCount + list.IgnoredCount);
            _ = NodeListValidator.Validate(list, [], new NodeListValidationOptions());
        });
    }
}
