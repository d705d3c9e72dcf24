using System.Net;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;
using static HecnetJobs.Tests.Pydecnet.PydecnetConfigReaderTests;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>Includes in PyDECnet config files (<c>@file</c>, <c>node @file</c>) and the first circuit's peer.</summary>
public sealed class PydecnetConfigIncludeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Node_at_and_plain_includes_are_listed_with_their_form_and_the_line_that_names_them()
    {
        var conf = _dir.Write("node.conf", "routing 9.54\nnode @hecnet.dat\n@local-names.conf\n");
        var hecnet = _dir.Write("hecnet.dat", "1.13 MIM\n9.54 SAMPLE\n");
        var local = _dir.Write("local-names.conf", File.ReadAllText(RepoPaths.Sample("hecnet-daemon", "hecnet-daemon-output.nodenames.conf")));

        var config = Read(conf);

        Assert.Equal(
            [
                new PydecnetNamesInclude(hecnet, NamesInclude.NodeAt, conf, 2),
                new PydecnetNamesInclude(local, NamesInclude.Plain, conf, 3),
            ],
            config.NamesIncludes);
        Assert.Equal("SAMPLE", config.OwnName);
        Assert.Equal(["1.13 MIM", "node 1.13 MIM"], config.NamesIncludes.Select(i => i.FormatLine("1.13", "MIM")));
    }

    [Fact]
    public void A_plain_include_with_other_lines_than_node_lines_is_not_a_names_include_but_is_read()
    {
        var conf = _dir.Write("node.conf", "@routing.conf\n@empty.conf\n");
        _dir.Write("routing.conf", "routing 9.54\nnode 9.54 SAMPLE\n");
        var empty = _dir.Write("empty.conf", "# nothing yet\n");

        var config = Read(conf);

        Assert.Equal(("9.54", "SAMPLE"), (config.OwnAddress, config.OwnName));
        Assert.Equal([new PydecnetNamesInclude(empty, NamesInclude.Plain, conf, 2)], config.NamesIncludes);
    }

    [Fact]
    public void Include_paths_are_relative_to_the_including_file_and_includes_nest()
    {
        var conf = _dir.Write("etc/node.conf", "routing 9.54\n@parts/names.conf\n");
        var parts = _dir.Write("etc/parts/names.conf", "node @../../var/hecnet.dat\n");
        var hecnet = _dir.Write("var/hecnet.dat", "1.13 MIM\n@more.dat\n");
        var more = _dir.Write("var/more.dat", "9.54 SAMPLE\n");

        var config = Read(conf);

        Assert.Equal("SAMPLE", config.OwnName);
        Assert.Equal(
            [
                new PydecnetNamesInclude(hecnet, NamesInclude.NodeAt, parts, 1),
                new PydecnetNamesInclude(more, NamesInclude.NodeAt, hecnet, 2),
            ],
            config.NamesIncludes);
    }

    [Fact]
    public void An_absolute_include_path_is_used_as_it_is()
    {
        var names = _dir.Write("abs/names.dat", "9.54 SAMPLE\n");
        var conf = _dir.Write("etc/node.conf", $"routing 9.54\nnode @{names}\n");

        Assert.Equal("SAMPLE", Read(conf).OwnName);
    }

    [Fact]
    public void An_include_loop_is_rejected_naming_the_files_in_the_loop()
    {
        var a = _dir.Write("a.conf", "routing 9.54\n@b.conf\n");
        var b = _dir.Write("b.conf", "\n@a.conf\n");

        AssertRejected($"{b}:2: '@a.conf': '{a}' is already being read (include loop: {a} -> {b} -> {a})", a);
    }

    [Fact]
    public void The_same_names_file_included_twice_is_not_a_loop()
    {
        var conf = _dir.Write("node.conf", "node @names.dat\nnode @names.dat\nrouting 9.54\n");
        _dir.Write("names.dat", "9.54 SAMPLE\n");

        var config = Read(conf);

        Assert.Equal(2, config.NamesIncludes.Count);
        Assert.Equal("SAMPLE", config.OwnName);
    }

    [Fact]
    public void A_missing_nested_include_names_the_including_file_and_line()
    {
        var conf = _dir.Write("node.conf", "@inner.conf\n");
        var inner = _dir.Write("inner.conf", "# names\nnode @sub/names.dat\n");

        AssertRejected(
            $"{inner}:2: 'node @sub/names.dat': '{_dir.File("sub/names.dat")}' does not exist (an include path is relative to the folder of the file that names it)",
            conf);
    }

    [Fact]
    public void An_include_that_is_a_folder_is_rejected()
    {
        var conf = _dir.Write("node.conf", "node @names\n");
        Directory.CreateDirectory(_dir.File("names"));

        AssertRejected($"{conf}:1: 'node @names': '{_dir.File("names")}' is a folder, expected a file", conf);
    }

    [Theory]
    [InlineData("circuit dmc-0 DDCMP --mode tcp --remote-address 10.0.0.2 --remote-port 17101", "10.0.0.2", 17101)]
    [InlineData("circuit dmc-0 DDCMP --mode TCP --destination peer.example --dest-port 17101", "peer.example", 17101)]
    [InlineData("circuit dmc-0 DDCMP --mode telnet --remote-addr peer --remote-p 23", "peer", 23)]
    [InlineData("circuit dmc-0 DDCMP tcp:17102:peer:17101", "peer", 17101)]
    [InlineData("circuit mul-0 Multinet --mode connect --remote-address peer --remote-port 700", "peer", 700)]
    [InlineData("circuit mul-0 Multinet peer:7000:connect", "peer", 7000)]
    [InlineData("circuit mul-0 Multinet peer::connect", "peer", 700)]
    public void A_circuit_that_connects_over_tcp_gives_its_peer_endpoint(string line, string host, int port)
    {
        var conf = _dir.Write("node.conf", $"routing 9.54\n{line}\ncircuit dmc-1 DDCMP --mode tcp --remote-address other --remote-port 1\n");

        Assert.Equal(new DnsEndPoint(host, port), Read(conf).FirstCircuit?.PeerEndpoint);
    }

    [Theory]
    [InlineData("circuit dmc-0 DDCMP --mode udp --remote-address peer --remote-port 17101")]
    [InlineData("circuit dmc-0 DDCMP --mode tcp --local-port 17102")]
    [InlineData("circuit mul-0 Multinet --mode listen --remote-address peer --local-port 700")]
    [InlineData("circuit mul-0 Multinet peer:700:listen")]
    [InlineData("circuit mul-0 Multinet peer:700")]
    [InlineData("circuit eth-0 Ethernet tap:tap0 --random-address --cost 3")]
    public void A_circuit_without_an_outgoing_tcp_connection_has_no_peer_endpoint(string line)
    {
        var circuit = Read(_dir.Write("node.conf", $"routing 9.54\n{line}\n")).FirstCircuit;

        Assert.NotNull(circuit);
        Assert.Null(circuit.PeerEndpoint);
    }

    [Fact]
    public void Circuit_options_are_kept_by_full_name_with_switches_as_null()
    {
        var conf = _dir.Write("node.conf", "routing 9.54\ncircuit eth-0 Ethernet tap:tap0 --random-address --cost 3 --t3=15 --verify\n");

        var circuit = Read(conf).FirstCircuit;

        Assert.Equal(("ETH-0", "Ethernet", "tap:tap0"), (circuit?.Name, circuit?.Type, circuit?.Device));
        Assert.Equal(
            new Dictionary<string, string?> { ["--random-address"] = null, ["--cost"] = "3", ["--t3"] = "15", ["--verify"] = null },
            circuit?.Options);
    }
}
