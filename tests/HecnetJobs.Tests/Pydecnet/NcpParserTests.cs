using System.Reflection;
using System.Text;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

public sealed class NcpParserTests
{
    private const string Header = "Node            State        Links   Delay  Circuit      Next Node";

    [Theory]
    [InlineData("reachable_show-node-MIM", "MIM", LinkVerdict.Up, "reachable")]
    [InlineData("reachable_sho-node-MIM", "MIM", LinkVerdict.Up, "reachable")]
    [InlineData("reachable_show-node-mim-lower", "mim", LinkVerdict.Up, "reachable")]
    [InlineData("reachable_show-node-1.13", "1.13", LinkVerdict.Up, "reachable")]
    [InlineData("reachable_show-node-MIM-status", "MIM", LinkVerdict.Up, "reachable")]
    [InlineData("reachable_show-node-MIM-char", "MIM", LinkVerdict.Unknown, "unrecognised")]
    [InlineData("reachable_show-node-ERNIE-known-never-up", "ERNIE", LinkVerdict.Up, "reachable")]
    [InlineData("reachable_show-executor", "SAMPLE", LinkVerdict.Up, "executor")]
    [InlineData("reachable_show-active-nodes", "MIM", LinkVerdict.Unknown, "unrecognised")]
    [InlineData("reachable_show-known-circuits", "MIM", LinkVerdict.Unknown, "unrecognised")]
    [InlineData("reachable_show-adjacent-nodes", "MIM", LinkVerdict.Unknown, "unrecognised")]
    [InlineData("reachable_show-node-SAMPLE-self", "SAMPLE", LinkVerdict.Up, "executor")]
    [InlineData("reachable_A-side_show-node-SAMPLE", "SAMPLE", LinkVerdict.Up, "reachable")]
    [InlineData("unknown_show-node-FOOBAR", "FOOBAR", LinkVerdict.Unknown, "unknown-component")]
    [InlineData("unknown_sho-node-foobar", "foobar", LinkVerdict.Unknown, "unknown-component")]
    [InlineData("unknown_show-node-9.999", "9.999", LinkVerdict.Down, "unreachable")]
    [InlineData("unknown_show-node-1.999", "1.999", LinkVerdict.Up, "reachable")]
    [InlineData("badname_show-node-TOOLONG7", "TOOLONG", LinkVerdict.Unknown, "unknown-component")]
    [InlineData("badaddr_show-node-64.1", "64.1", LinkVerdict.Unknown, "unknown-component")]
    [InlineData("badkw_show-nodex-MIM", "MIM", LinkVerdict.Unknown, "command-error")]
    [InlineData("badverb_shw-node-MIM", "MIM", LinkVerdict.Unknown, "command-error")]
    [InlineData("incomplete_show-node", "", LinkVerdict.Unknown, "command-error")]
    [InlineData("killed_show-node-MIM", "MIM", LinkVerdict.Down, "unreachable")]
    [InlineData("killed_sho-node-MIM", "MIM", LinkVerdict.Down, "unreachable")]
    [InlineData("killed_show-node-mim-lower", "mim", LinkVerdict.Down, "unreachable")]
    [InlineData("killed_show-node-ERNIE", "ERNIE", LinkVerdict.Down, "unreachable")]
    [InlineData("killed_show-node-MIM-status", "MIM", LinkVerdict.Down, "unreachable")]
    [InlineData("killed_show-active-nodes", "MIM", LinkVerdict.Unknown, "unrecognised")]
    [InlineData("killed_show-adjacent-nodes", "MIM", LinkVerdict.Unknown, "no-information")]
    [InlineData("killed_show-known-circuits", "MIM", LinkVerdict.Unknown, "unrecognised")]
    [InlineData("hung_A_show-node-SAMPLE", "SAMPLE", LinkVerdict.Unknown, "timeout")]
    [InlineData("bdown-stale-socket_show-node-MIM", "MIM", LinkVerdict.Unknown, "stale-socket")]
    [InlineData("bdown-no-socket_show-node-MIM", "MIM", LinkVerdict.Unknown, "not-running")]
    [InlineData("maxnodes64-reachable_show-known-nodes", "SAMPLE", LinkVerdict.Up, "executor")]
    [InlineData("maxnodes64-killed_show-known-nodes", "SAMPLE", LinkVerdict.Up, "executor")]
    public void Each_real_ncp_capture_gets_its_verdict_and_kind(string prefix, string target, LinkVerdict verdict, string kind)
    {
        var reply = NcpSample.Load(prefix).ParseShowNode(target);

        Assert.Equal((verdict, kind), (reply.Verdict, reply.Kind));
    }

    [Fact]
    public void Every_file_in_the_ncp_samples_folder_is_a_case_of_the_capture_theory()
    {
        var theory = typeof(NcpParserTests).GetMethod(nameof(Each_real_ncp_capture_gets_its_verdict_and_kind))!;
        var cases = theory.GetCustomAttributes<InlineDataAttribute>()
            .Select(data => (string)data.GetData(theory).Single()[0])
            .Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(RepoPaths.Sample("ncp"))
            .Select(Path.GetFileName)
            .Where(name => name != "exitcodes.tsv")
            .Select(name => Path.GetFileNameWithoutExtension(name!))
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, cases);
        Assert.Equal(files, NcpSample.Prefixes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("unknown_show-node-FOOBAR", "FOOBAR", "ncp does not know node 'FOOBAR' (Error reply from NML: Unrecognized component): check the target name")]
    [InlineData("unknown_sho-node-foobar", "foobar", "ncp does not know node 'foobar' (Error reply from NML: Unrecognized component): check the target name")]
    [InlineData("badkw_show-nodex-MIM", "MIM", "ncp could not process the command for node 'MIM': Unrecognized keyword nodex")]
    [InlineData("incomplete_show-node", "", "ncp could not process the command for node '': Incomplete command")]
    [InlineData("badverb_shw-node-MIM", "MIM", "ncp failed for node 'MIM' with exit code 1: Badkw: Unrecognized keyword shw")]
    [InlineData("killed_show-adjacent-nodes", "MIM", "ncp has no information about node 'MIM'")]
    [InlineData("bdown-no-socket_show-node-MIM", "MIM", "PyDECnet is not running: ncp found no API socket (FileNotFoundError)")]
    [InlineData("bdown-stale-socket_show-node-MIM", "MIM", "PyDECnet is not running: its API socket file was left behind and refuses connections (ConnectionRefusedError)")]
    [InlineData("hung_A_show-node-SAMPLE", "SAMPLE", "ncp gave no answer about node 'SAMPLE' before the timeout: PyDECnet seems hung")]
    [InlineData("reachable_show-node-MIM-char", "MIM", "ncp output about node 'MIM' was not understood (exit code 0): 'Remote node = 1.13 (MIM)'")]
    [InlineData("reachable_show-active-nodes", "MIM", "ncp output about node 'MIM' was not understood (exit code 0): '1.13 (MIM)                                  DMC-0        1.13 (MIM)'")]
    [InlineData("reachable_show-node-MIM", "MIM", "node 1.13 (MIM) is reachable: circuit DMC-0, next node 1.13 (MIM)")]
    [InlineData("reachable_show-node-MIM-status", "1.13", "node 1.13 (MIM) is reachable: circuit DMC-0")]
    [InlineData("killed_show-node-MIM", "MIM", "ncp reports node 1.13 (MIM) unreachable")]
    [InlineData("reachable_show-node-SAMPLE-self", "sample", "node 'sample' is this router itself (executor 9.54 (SAMPLE), state On)")]
    public void The_reason_is_one_exact_sentence_for_a_person(string prefix, string target, string reason) =>
        Assert.Equal(reason, NcpSample.Load(prefix).ParseShowNode(target).Reason);

    [Fact]
    public void A_reachable_row_is_cut_into_its_columns()
    {
        var reply = NcpSample.Load("reachable_show-node-MIM").ParseShowNode("1.13");

        Assert.Equal(new NcpNodeRow("1.13", "MIM", "Reachable", null, null, "DMC-0", "1.13 (MIM)"), reply.Row);
    }

    [Fact]
    public void The_status_layout_gives_node_state_and_circuit_and_no_next_node()
    {
        var reply = NcpSample.Load("reachable_show-node-MIM-status").ParseShowNode("MIM");

        Assert.Equal(new NcpNodeRow("1.13", "MIM", "Reachable", null, null, "DMC-0", null), reply.Row);
    }

    [Fact]
    public void A_known_nodes_table_leaves_the_state_of_other_areas_blank_and_skips_the_executor()
    {
        var rows = NcpParser.ParseNodeTable(NcpSample.Load("maxnodes64-reachable_show-known-nodes").Stdout);

        Assert.Equal(2 + 63, rows.Count);
        Assert.Equal(new NcpNodeRow("1.2", "ERNIE", "", null, null, null, null), rows[0]);
        Assert.Equal(new NcpNodeRow("1.13", "MIM", "", null, null, "DMC-0", "1.13 (MIM)"), rows[1]);
        Assert.Equal(new NcpNodeRow("9.64", null, "Unreachable", null, null, null, null), rows[^1]);
        Assert.DoesNotContain(rows, row => row.Address == "9.54");
    }

    [Fact]
    public void A_node_of_the_own_area_in_a_known_nodes_table_is_down_and_one_of_another_area_is_unknown()
    {
        var sample = NcpSample.Load("maxnodes64-reachable_show-known-nodes");

        Assert.Equal(LinkVerdict.Down, sample.ParseShowNode("9.5").Verdict);
        var mim = sample.ParseShowNode("MIM");
        Assert.Equal((LinkVerdict.Unknown, "unrecognised", ""), (mim.Verdict, mim.Kind, mim.Row?.State));
    }

    [Fact]
    public void A_table_of_all_1023_nodes_of_an_area_is_read_row_by_row()
    {
        var text = new StringBuilder("\n    Executor node = 9.54 (SAMPLE), State = On,\n    Identification = DECnet/Python V1.1.1\n\n")
            .Append(Header).Append('\n')
            .Append(Row("1.13 (MIM)", "", "DMC-0", "1.13 (MIM)")).Append('\n');
        for (var node = 1; node <= 1023; node++)
        {
            if (node != 54)
                text.Append(node == 1023 ? Row("9.1023 (LAST)", "Reachable", "DMC-0", "1.13 (MIM)") : Row($"9.{node}", "Unreachable", "", "")).Append('\n');
        }
        var stdout = text.Append('\n').ToString();

        var rows = NcpParser.ParseNodeTable(stdout);

        Assert.Equal(1 + 1022, rows.Count);
        Assert.Equal(new NcpNodeRow("9.1023", "LAST", "Reachable", null, null, "DMC-0", "1.13 (MIM)"), rows[^1]);
        Assert.Equal(LinkVerdict.Up, NcpParser.ParseShowNode("last", stdout, "", 0, false).Verdict);
        Assert.Equal(LinkVerdict.Down, NcpParser.ParseShowNode("9.1022", stdout, "", 0, false).Verdict);
    }

    [Theory]
    [InlineData("Reachable", LinkVerdict.Up)]
    [InlineData("Unreachable", LinkVerdict.Down)]
    public void A_16_character_node_that_runs_into_the_state_column_is_read(string state, LinkVerdict verdict)
    {
        var line = Row("63.1023 (ABCDEF)", state, "DMC-0", "63.1023 (ABCDEF)");
        Assert.StartsWith("63.1023 (ABCDEF)" + state, line, StringComparison.Ordinal);
        var stdout = $"\n{Header}\n{line}\n\n";

        var reply = NcpParser.ParseShowNode("ABCDEF", stdout, "", 0, false);

        Assert.Equal(verdict, reply.Verdict);
        Assert.Equal(new NcpNodeRow("63.1023", "ABCDEF", state, null, null, "DMC-0", "63.1023 (ABCDEF)"), reply.Row);
    }

    [Fact]
    public void The_executor_block_is_not_up_for_a_target_named_only_in_its_identification()
    {
        const string stdout = "\n    Executor node = 9.54 (SAMPLE), State = On,\n    Identification = MIM gateway\n\n";

        Assert.Equal(LinkVerdict.Unknown, NcpParser.ParseShowNode("MIM", stdout, "", 0, false).Verdict);
    }

    [Fact]
    public void A_reachable_row_is_not_trusted_when_ncp_exits_with_an_error() =>
        Assert.Equal(LinkVerdict.Unknown, NcpParser.ParseShowNode("MIM", NcpSample.Load("reachable_show-node-MIM").Stdout, "", 1, false).Verdict);

    [Fact]
    public void Duplicated_rows_that_disagree_give_unknown()
    {
        var stdout = $"\n{Header}\n{Row("1.13 (MIM)", "Reachable", "DMC-0", "1.13 (MIM)")}\n{Row("1.13 (MIM)", "Unreachable", "", "")}\n\n";

        Assert.Equal((LinkVerdict.Unknown, "unrecognised"), Verdict(NcpParser.ParseShowNode("MIM", stdout, "", 0, false)));
    }

    [Fact]
    public void Null_output_gives_unrecognised_with_a_reason_saying_ncp_printed_nothing()
    {
        var reply = NcpParser.ParseShowNode(null, null, null, 0, false);

        Assert.Equal((LinkVerdict.Unknown, "unrecognised"), Verdict(reply));
        Assert.Equal("ncp printed nothing about node '' (exit code 0)", reply.Reason);
        Assert.Empty(NcpParser.ParseNodeTable(null));
    }

    [Fact]
    public void An_unrecognised_line_is_quoted_cut_to_120_characters()
    {
        var reply = NcpParser.ParseShowNode("MIM", new string('x', 500), "", 0, false);

        Assert.Equal($"ncp output about node 'MIM' was not understood (exit code 0): '{new string('x', 120)}...'", reply.Reason);
    }

    [Fact]
    public void Output_with_crlf_line_ends_reads_the_same()
    {
        var stdout = NcpSample.Load("reachable_show-node-MIM").Stdout.Replace("\n", "\r\n", StringComparison.Ordinal);

        Assert.Equal((LinkVerdict.Up, "reachable"), Verdict(NcpParser.ParseShowNode("MIM", stdout, "", 0, false)));
    }

    [Fact]
    public void An_address_target_compares_as_numbers() =>
        Assert.Equal(LinkVerdict.Up, NcpSample.Load("reachable_show-node-MIM").ParseShowNode("01.013").Verdict);

    /// <summary>A row as ncp formats it: node padded to 16, state to 13, links to 8, delay to 7, circuit to 13, then the next node.</summary>
    private static string Row(string node, string state, string circuit, string next) =>
        $"{node,-16}{state,-13}{"",-8}{"",-7}{circuit,-13}{next}".TrimEnd();

    private static (LinkVerdict, string) Verdict(NcpReply reply) => (reply.Verdict, reply.Kind);
}
