using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

public sealed class NodeListValidatorTests
{
    private static readonly NodeListValidationOptions Defaults = new();

    [Fact]
    public void PyDECnet_s_shipped_nodenames_dat_is_accepted_whole_and_sorted()
    {
        var list = NodeListParser.Parse(File.ReadAllText(RepoPaths.Sample("nodenames.dat")));

        var validation = NodeListValidator.Validate(list, [], new NodeListValidationOptions { OwnNode = NodeEntry.Of("1.13", "MIM") });

        Assert.True(validation.Accepted, string.Join("\n", validation.Reasons));
        Assert.Equal(1229, validation.Entries.Count);
        Assert.Equal(validation.Entries.OrderBy(e => e.Address), validation.Entries);
        Assert.Empty(validation.Warnings);
    }

    [Fact]
    public void A_listing_line_that_does_not_parse_is_skipped_with_a_warning_not_refused()
    {
        var list = NodeListParser.Parse(File.ReadAllText(RepoPaths.Sample("hecnet-daemon", "synthetic-hecnod-input.txt")));

        var validation = NodeListValidator.Validate(list, [], Defaults);

        Assert.True(validation.Accepted);
        Assert.False(validation.BreaksPydecnetRules);
        Assert.Equal(4, validation.Entries.Count);
        Assert.Equal(["line 7: '7.5': skipped, not a node entry (expected '<area>.<node> (<name>)', e.g. '1.13 (MIM)')"], validation.Warnings);
    }

    [Fact]
    public void A_bad_name_in_a_listing_is_refused_like_in_a_names_file()
    {
        var validation = Check("1.13 (MIM)   Reachable\n1.20 (TOOLONG)   Reachable\n");

        Assert.Equal(["line 2: '1.20 (TOOLONG)   Reachable': name 'TOOLONG' is longer than 6 characters"], validation.Reasons);
    }

    [Fact]
    public void A_page_with_more_unknown_lines_than_entries_is_refused_as_garbled_with_the_first_examples()
    {
        var validation = Check("<html>\n<body>\n<h1>502 Bad Gateway</h1>\n1.13 MIM\n</body>\n</html>\n");

        Assert.Equal(
            ["the list looks garbled: 5 of 6 data lines are not node entries (expected '<area>.<node> <name>', e.g. '1.13 MIM'); "
                + "first: line 1 '<html>', line 2 '<body>', line 3 '<h1>502 Bad Gateway</h1>'"],
            validation.Reasons);
    }

    [Fact]
    public void A_list_of_only_headers_is_refused_as_having_no_entries()
    {
        Assert.Equal(["the list has no node entries (only blank, comment or header lines)"], Check("# HECnet\n\n   \n").Reasons);
    }

    [Fact]
    public void A_missing_pinned_entry_is_refused_and_a_different_name_on_its_address_is_shown()
    {
        var options = new NodeListValidationOptions { Pinned = [NodeEntry.Of("1.13", "MIM"), NodeEntry.Of("2.1", "FOOBAR")] };

        var validation = Check("1.2 ERNIE\n1.13 MIMX\n", options);

        Assert.Equal(
            ["pinned entry '1.13 MIM' is missing (line 2 has '1.13 MIMX')", "pinned entry '2.1 FOOBAR' is missing"],
            validation.Reasons);
        Assert.False(validation.BreaksPydecnetRules);
        Assert.Empty(validation.Entries);
    }

    [Fact]
    public void No_pinned_entries_accepts_a_list_without_MIM()
    {
        Assert.True(Check("1.2 ERNIE\n", new NodeListValidationOptions { Pinned = [] }).Accepted);
    }

    [Fact]
    public void Losing_exactly_the_allowed_fraction_of_current_entries_is_accepted()
    {
        var current = Entries(10);

        var validation = Check(Text(current.Take(8)), current: current);

        Assert.True(validation.Accepted, string.Join("\n", validation.Reasons));
    }

    [Fact]
    public void Losing_more_than_the_allowed_fraction_of_current_entries_is_refused_with_the_first_lost()
    {
        var current = Entries(10);

        var validation = Check(Text(current.Take(7)), current: current);

        Assert.Equal(
            ["3 of 10 current entries would disappear (30%), more than the 20% allowed; first: 1.20 N8, 1.21 N9, 1.22 N10"],
            validation.Reasons);
    }

    [Fact]
    public void A_rename_is_not_a_loss_for_the_shrink_check()
    {
        var current = Entries(5);
        var renamed = current.Select(e => e.Name == "MIM" ? e : e with { Name = e.Name + "X" });

        Assert.True(Check(Text(renamed), current: current).Accepted);
    }

    [Fact]
    public void A_name_taken_by_the_router_itself_is_refused()
    {
        var options = new NodeListValidationOptions { OwnNode = NodeEntry.Of("9.54", "SAMPLE") };

        Assert.Equal(["line 2: '1.5 sample': name 'SAMPLE' is this router's own name, at 9.54"], Check("1.13 MIM\n1.5 sample\n", options).Reasons);
    }

    [Fact]
    public void Several_problems_on_one_line_are_given_together()
    {
        Assert.Equal(
            ["line 2: '64.0 too-long': area 64 is out of range (1 to 63); node number 0 is out of range (1 to 1023); "
                + "name 'TOO-LONG' is longer than 6 characters; name 'TOO-LONG' has a character other than A-Z and 0-9"],
            Check("1.13 MIM\n64.0 too-long\n").Reasons);
    }

    [Fact]
    public void After_twenty_reasons_the_rest_are_counted_in_one_line()
    {
        var text = "1.13 MIM\n" + string.Join("\n", Enumerable.Range(100, 25).Select(i => $"1.{i} TOOLONG{i}"));

        var reasons = Check(text).Reasons;

        Assert.Equal(21, reasons.Count);
        Assert.Equal("line 2: '1.100 TOOLONG100': name 'TOOLONG100' is longer than 6 characters", reasons[0]);
        Assert.Equal("... and 5 more", reasons[20]);
    }

    [Fact]
    public void A_shrink_fraction_outside_zero_to_one_is_a_programming_error()
    {
        var list = NodeListParser.Parse("1.13 MIM\n");

        Assert.Throws<ArgumentOutOfRangeException>(() => NodeListValidator.Validate(list, [], new NodeListValidationOptions { MaxShrinkFraction = 1.5 }));
    }

    private static NodeListValidation Check(string text, NodeListValidationOptions? options = null, IReadOnlyCollection<NodeEntry>? current = null) =>
        NodeListValidator.Validate(NodeListParser.Parse(text), current ?? [], options ?? Defaults);

    private static List<NodeEntry> Entries(int count) =>
        Enumerable.Range(1, count).Select(i => new NodeEntry(new DecnetAddress(1, 12 + i), i == 1 ? "MIM" : $"N{i}")).ToList();

    private static string Text(IEnumerable<NodeEntry> entries) => string.Join("\n", entries) + "\n";
}
