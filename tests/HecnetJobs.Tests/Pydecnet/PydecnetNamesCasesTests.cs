using System.Text;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>Every names file PyDECnet V1.1.1 was started with in the lab (fixtures <c>names/</c>), checked by HecnetJobs' rules.</summary>
public sealed class PydecnetNamesCasesTests
{
    private const string NotAnEntry = "not a node entry (expected '<area>.<node> <name>', e.g. '1.13 MIM', and nothing after it)";

    // The lab's node.conf has "node 9.54 SAMPLE".
    private static readonly NodeListValidationOptions LabOptions = new() { OwnNode = NodeEntry.Of("9.54", "SAMPLE") };

    public static TheoryData<string, string[]> Cases => new()
    {
        { "ok-baseline", [] },
        { "dup-identical", [] },
        { "dup-case-only", [] },
        { "crlf", [] },
        { "lowercase-name", [] },
        { "tab-separated", [] },
        { "empty-file", ["the list is empty"] },
        { "dup-address-diff-name", ["line 2: '1.13 MIMX': address 1.13 is already named 'MIM' (line 1)"] },
        { "dup-name-diff-address", ["line 2: '1.14 MIM': name 'MIM' is already used by 1.13 (line 1)"] },
        { "conflicts-with-local-node", ["line 2: '9.54 OTHER': address 9.54 is this router's own address, named 'SAMPLE'"] },
        { "name-7-chars", ["line 2: '1.20 TOOLONG': name 'TOOLONG' is longer than 6 characters"] },
        { "bad-address-64.1", ["line 2: '64.1 BADA': area 64 is out of range (1 to 63)"] },
        { "bad-address-1.0", ["line 2: '1.0 BADC': node number 0 is out of range (1 to 1023)"] },
        { "bad-address-1.1024", ["line 2: '1.1024 BADB': node number 1024 is out of range (1 to 1023)"] },
        { "hyphen-name", ["line 2: '1.22 MIM-2': name 'MIM-2' has a character other than A-Z and 0-9"] },
        { "numeric-name", ["line 2: '1.21 123456': name '123456' has no letter (at least one of A-Z is needed)"] },
        { "extra-field", [$"line 2: '1.23 FOO extra': {NotAnEntry}"] },
        { "missing-name", [$"line 2: '1.24': {NotAnEntry}"] },
        { "semicolon-comment", [$"line 2: '; comment': {NotAnEntry}"] },
        {
            "inline-comment",
            ["the list looks garbled: 1 of 1 data lines are not node entries (expected '<area>.<node> <name>', e.g. '1.13 MIM'); first: line 1 '1.13 MIM # the mim'"]
        },
        { "utf8-bom", ["line 1: the text starts with a UTF-8 byte order mark, which PyDECnet reads as part of the first address; save it without one"] },
        {
            "multi-errors",
            [
                "line 2: '1.13 MIMX': address 1.13 is already named 'MIM' (line 1)",
                "line 3: '1.20 TOOLONG': name 'TOOLONG' is longer than 6 characters",
                "line 4: '64.1 BADA': area 64 is out of range (1 to 63)",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_lab_names_file_gets_exactly_the_expected_reasons(string name, string[] reasons)
    {
        var validation = Validate(name);

        Assert.Equal(reasons, validation.Reasons);
        Assert.Equal(reasons.Length == 0, validation.Accepted);
    }

    [Fact]
    public void HecnetJobs_breaks_PyDECnet_s_rules_on_exactly_the_files_PyDECnet_refused_to_start_with()
    {
        var exitCodes = File.ReadAllLines(RepoPaths.Sample("names", "exitcodes.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => fields[0] != "missing-file")
            .ToDictionary(fields => fields[0], fields => int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
        var tested = Cases.Select(row => (string)row[0]).ToHashSet();

        Assert.Equal(tested.Order(), exitCodes.Keys.Order());
        Assert.All(exitCodes, pair =>
        {
            var refusedByPydecnet = pair.Value == 1;
            Assert.True(
                Validate(pair.Key).BreaksPydecnetRules == refusedByPydecnet,
                $"{pair.Key}: PyDECnet exit code {pair.Value}, HecnetJobs says breaks rules = {!refusedByPydecnet}");
        });
    }

    [Fact]
    public void The_empty_file_PyDECnet_accepts_is_refused_only_by_HecnetJobs_own_rule()
    {
        var validation = Validate("empty-file");

        Assert.False(validation.BreaksPydecnetRules);
        Assert.False(validation.Accepted);
    }

    [Fact]
    public void A_missing_names_file_which_PyDECnet_refuses_reads_as_no_entries_so_the_first_refresh_can_create_it()
    {
        var content = NamesFileReader.Read(RepoPaths.Sample("names", "missing-file.names.dat"), NamesInclude.NodeAt);

        Assert.False(content.Exists);
        Assert.Empty(content.Entries);
    }

    [Fact]
    public void Identical_and_case_only_duplicates_are_kept_once_with_a_warning()
    {
        var validation = Validate("dup-case-only");

        Assert.Equal([NodeEntry.Of("1.13", "MIM")], validation.Entries);
        Assert.Equal(["line 2: '1.13 mim': same as line 1, kept once"], validation.Warnings);
    }

    [Fact]
    public void The_baseline_keeps_the_router_s_own_identical_entry_and_sorts_by_address()
    {
        var validation = Validate("ok-baseline");

        Assert.Equal(["1.2 ERNIE", "1.13 MIM", "9.54 SAMPLE"], validation.Entries.Select(e => e.ToString()));
    }

    private static NodeListValidation Validate(string name)
    {
        // Decoded by hand: File.ReadAllText would drop the byte order mark that one case is about.
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(RepoPaths.Sample("names", name + ".names.dat")));
        return NodeListValidator.Validate(NodeListParser.Parse(text), [], LabOptions);
    }
}
