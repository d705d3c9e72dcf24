using System.Net;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>Reading PyDECnet config files: the values HecnetJobs takes from them, and the exact text of each failure.</summary>
public sealed class PydecnetConfigReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_sample_node_conf_gives_the_own_node_its_names_include_and_its_circuit()
    {
        var conf = _dir.Write("node.conf", File.ReadAllText(RepoPaths.Sample("names", "node.conf")));
        var names = _dir.Write("names.dat", File.ReadAllText(RepoPaths.Sample("names", "ok-baseline.names.dat")));

        var config = Read(conf);

        Assert.Equal([conf], config.ConfigFiles);
        Assert.Equal("9.54", config.OwnAddress);
        Assert.Equal("SAMPLE", config.OwnName);
        Assert.Equal([new PydecnetNamesInclude(names, NamesInclude.NodeAt, conf, 3)], config.NamesIncludes);
        var circuit = Assert.IsType<PydecnetCircuit>(config.FirstCircuit);
        Assert.Equal(("DMC-0", "DDCMP", null, conf, 4), (circuit.Name, circuit.Type, circuit.Device, circuit.File, circuit.Line));
        Assert.Equal(new DnsEndPoint("127.0.0.1", 9), circuit.PeerEndpoint);
        Assert.Equal("tcp", circuit.Options["--mode"]);
        Assert.Equal("17301", circuit.Options["--local-port"]);
    }

    [Fact]
    public void The_sample_node_conf_in_place_fails_on_its_missing_names_dat_with_the_line_and_full_path()
    {
        var conf = RepoPaths.Sample("names", "node.conf");
        var names = RepoPaths.Sample("names", "names.dat");

        AssertRejected(
            $"{conf}:3: 'node @names.dat': '{names}' does not exist (an include path is relative to the folder of the file that names it)",
            conf);
    }

    [Fact]
    public void A_config_file_that_does_not_exist_is_named_in_the_error()
    {
        var conf = _dir.File("missing.conf");

        AssertRejected($"{conf}: no such file (a PyDECnet config file)", conf);
    }

    [Fact]
    public void No_api_line_means_no_api_socket_even_when_DECNETAPI_is_set()
    {
        var conf = _dir.Write("node.conf", "routing 9.54\n");

        Assert.Null(Read(conf, decnetApi: "/tmp/lab/api.sock").ApiSocketPath);
    }

    [Theory]
    [InlineData("api /run/decnet/api.sock", null, "/run/decnet/api.sock")]
    [InlineData("api /run/decnet/api.sock --mode 660", "/tmp/lab/api.sock", "/run/decnet/api.sock")]
    [InlineData("api --mode 660 /run/decnet/api.sock", null, "/run/decnet/api.sock")]
    [InlineData("api --mode 660", "/tmp/lab/api.sock", "/tmp/lab/api.sock")]
    [InlineData("api", "/tmp/lab/api.sock", "/tmp/lab/api.sock")]
    [InlineData("api", null, "/tmp/decnetapi.sock")]
    [InlineData("api", "", "/tmp/decnetapi.sock")]
    [InlineData("api relative.sock", null, "relative.sock")]
    public void The_api_line_gives_its_path_else_DECNETAPI_else_the_tmp_default(string line, string? decnetApi, string expected)
    {
        var conf = _dir.Write("http.conf", line + "\n");

        Assert.Equal(expected, Read(conf, decnetApi).ApiSocketPath);
    }

    [Theory]
    [InlineData("http --http-port 18002", 18002, 8443, null)]
    [InlineData("http", 8000, 8443, null)]
    [InlineData("http --http-port 0 --https-port 0", null, null, null)]
    [InlineData("http --https-port=0 --local-address 127.0.0.1", 8000, null, "127.0.0.1")]
    [InlineData("http --http-port 99 --https 102 --source ::1", 99, 102, "::1")]
    public void The_http_line_gives_the_monitor_ports_with_PyDECnet_defaults(string line, int? http, int? https, string? address)
    {
        var conf = _dir.Write("http.conf", line + "\n");

        var config = Read(conf);

        Assert.Equal((http, https, address), (config.HttpPort, config.HttpsPort, config.HttpAddress));
    }

    [Fact]
    public void No_http_line_means_no_monitor()
    {
        var config = Read(_dir.Write("node.conf", "routing 9.54\n"));

        Assert.Equal((null, null), (config.HttpPort, config.HttpsPort));
    }

    [Theory]
    [InlineData("http --http-port 80a", "'http --http-port': '80a' is not a port number from 0 to 65535")]
    [InlineData("http --https-port 65536", "'http --https-port': '65536' is not a port number from 0 to 65535")]
    [InlineData("http --http-port", "'http --http-port': missing the port number")]
    [InlineData("routing 64.1", "'routing': '64.1' is not a DECnet node address (area.node, area 1 to 63, node 1 to 1023, e.g. 9.54)")]
    [InlineData("routing --type l2router", "'routing': missing the node address (e.g. routing 9.54 --type l2router)")]
    [InlineData("circuit dmc-0 DDCMP --mode tcp --remote-address peer --remote-port 0", "'circuit --remote-port': '0' is not a port number from 1 to 65535")]
    [InlineData("circuit \"dmc-0 DDCMP", "'circuit \"dmc-0 DDCMP': no closing quotation mark")]
    [InlineData("api '/tmp/x.sock", "'api '/tmp/x.sock': no closing quotation mark")]
    [InlineData("api /tmp/x.sock \\", "'api /tmp/x.sock \\': the backslash at the end escapes nothing")]
    public void A_value_HecnetJobs_needs_that_cannot_be_read_is_rejected_with_file_line_key_and_value(string line, string expected)
    {
        var conf = _dir.Write("node.conf", "# first line\n\n" + line + "\n");

        AssertRejected($"{conf}:3: {expected}", conf);
    }

    [Fact]
    public void The_own_name_is_the_node_line_with_the_routing_address_even_as_a_bare_number_before_the_routing_line()
    {
        var conf = _dir.Write("node.conf", "node 1.13 MIM\nnode 54 sample\nrouting 9.54 --type l2router\nnode 9.54 OTHER\n");

        var config = Read(conf);

        Assert.Equal(("9.54", "SAMPLE"), (config.OwnAddress, config.OwnName));
    }

    [Fact]
    public void Routing_given_as_one_number_is_area_times_1024_plus_node()
    {
        var config = Read(_dir.Write("node.conf", "routing 9270\nnode 9.54 SAMPLE\n"));

        Assert.Equal(("9.54", "SAMPLE"), (config.OwnAddress, config.OwnName));
    }

    [Fact]
    public void Api_and_http_in_a_second_config_file_are_found_and_node_lines_there_do_not_name_this_node()
    {
        var node = _dir.Write("node.conf", "routing 9.54\ncircuit dmc-0 DDCMP --mode tcp --remote-address peer --remote-port 7\n");
        var http = _dir.Write("http.conf", "http --http-port 18002\napi /tmp/lab/b/api.sock\nnode 9.54 SAMPLE\n");

        var config = Read([http, node]);

        Assert.Equal([http, node], config.ConfigFiles);
        Assert.Equal(("/tmp/lab/b/api.sock", 18002), (config.ApiSocketPath, config.HttpPort));
        Assert.Equal(("9.54", null), (config.OwnAddress, config.OwnName));
        Assert.Equal(node, config.FirstCircuit?.File);
    }

    [Fact]
    public void Comments_blank_lines_and_quotes_are_read_like_PyDECnet_and_a_later_hash_is_not_a_comment()
    {
        var conf = _dir.Write("node.conf", """
              # a comment, indented

            routing 9.54 # the words after the address are left to PyDECnet
            node 9.54 'sample'
            api "/tmp/my lab/api.sock" --mode 660
            circuit "dmc-0" DDCMP --mode tcp --remote-address 'peer host' --remote-port "17101"
            """.Replace("\n", "\r\n", StringComparison.Ordinal));

        var config = Read(conf);

        Assert.Equal(("9.54", "SAMPLE", "/tmp/my lab/api.sock"), (config.OwnAddress, config.OwnName, config.ApiSocketPath));
        Assert.Equal(new DnsEndPoint("peer host", 17101), config.FirstCircuit?.PeerEndpoint);
        Assert.Equal(6, config.FirstCircuit?.Line);
    }

    [Fact]
    public void Unknown_components_are_ignored()
    {
        var conf = _dir.Write("node.conf", "nsp --max-connections 4095\nlogging console\nobject --name mirror --disable\nsystem --identification 'x y'\nrouting 9.54\n");

        Assert.Equal("9.54", Read(conf).OwnAddress);
    }

    internal static PydecnetConfig Read(string path, string? decnetApi = null) => new PydecnetConfigReader(decnetApi).Read(path);

    internal static PydecnetConfig Read(IReadOnlyList<string> paths) => new PydecnetConfigReader(null).Read(paths);

    internal static void AssertRejected(string expected, params IReadOnlyList<string> paths)
    {
        var error = Assert.Throws<HecnetJobsException>(() => new PydecnetConfigReader(null).Read(paths));
        Assert.Equal(expected, error.Message);
        Assert.Equal(ExitCodes.Config, error.ExitCode);
    }
}
