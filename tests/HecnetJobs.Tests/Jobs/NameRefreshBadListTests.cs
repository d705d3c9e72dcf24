using HecnetJobs.Jobs;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>Each names file PyDECnet refuses (tests/fixtures/pydecnet-samples/names/, exit code 1) is refused by the job too, before PyDECnet ever sees it.</summary>
public sealed class NameRefreshBadListTests : IAsyncLifetime, IDisposable
{
    private readonly NameRefreshRig _rig = new();
    private NameRefreshListServer _server = null!;

    public async Task InitializeAsync() => _server = await NameRefreshListServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _rig.Dispose();

    [Theory(Timeout = 30_000)]
    [InlineData("dup-address-diff-name", "line 2: '1.13 MIMX': address 1.13 is already named 'MIM' (line 1)")]
    [InlineData("dup-name-diff-address", "line 2: '1.14 MIM': name 'MIM' is already used by 1.13 (line 1)")]
    [InlineData("conflicts-with-local-node", "line 2: '9.54 OTHER': address 9.54 is this router's own address, named 'SAMPLE'")]
    [InlineData("name-7-chars", "line 2: '1.20 TOOLONG': name 'TOOLONG' is longer than 6 characters")]
    [InlineData("bad-address-64.1", "line 2: '64.1 BADA': area 64 is out of range (1 to 63)")]
    [InlineData("bad-address-1.0", "line 2: '1.0 BADC': node number 0 is out of range (1 to 1023)")]
    [InlineData("bad-address-1.1024", "line 2: '1.1024 BADB': node number 1024 is out of range (1 to 1023)")]
    [InlineData("hyphen-name", "line 2: '1.22 MIM-2': name 'MIM-2' has a character other than A-Z and 0-9")]
    [InlineData("numeric-name", "line 2: '1.21 123456': name '123456' has no letter (at least one of A-Z is needed)")]
    [InlineData("extra-field", "line 2: '1.23 FOO extra': not a node entry (expected '<area>.<node> <name>', e.g. '1.13 MIM', and nothing after it)")]
    [InlineData("missing-name", "line 2: '1.24': not a node entry (expected '<area>.<node> <name>', e.g. '1.13 MIM', and nothing after it)")]
    [InlineData("inline-comment", "the list looks garbled: 1 of 1 data lines are not node entries (expected '<area>.<node> <name>', e.g. '1.13 MIM'); first: line 1 '1.13 MIM # the mim'")]
    [InlineData("semicolon-comment", "line 2: '; comment': not a node entry (expected '<area>.<node> <name>', e.g. '1.13 MIM', and nothing after it)")]
    [InlineData("utf8-bom", "line 1: the text starts with a UTF-8 byte order mark, which PyDECnet reads as part of the first address; save it without one")]
    [InlineData("multi-errors", "line 2: '1.13 MIMX': address 1.13 is already named 'MIM' (line 1)")]
    [InlineData("empty-file", "the list is empty")]
    public async Task A_list_pydecnet_would_refuse_is_refused_and_the_file_kept(string name, string reason)
    {
        var text = File.ReadAllBytes(RepoPaths.Sample("names", $"{name}.names.dat"));
        _server.Handler = (c, _) => c.Response.Body.WriteAsync(text).AsTask();

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith($"refused the node list from {_server.Url}: {reason}", outcome.Summary);
        Assert.EndsWith($"; kept {_rig.NamesFile} (1 entry)", outcome.Summary);
        Assert.Equal("1.13 MIM\n", _rig.NamesText);
        Assert.Equal(reason, _rig.State!.Refused);
        Assert.Equal("HECnet node list refused", Assert.Single(_rig.Alerts()).Subject);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("ok-baseline", "2 added")]
    [InlineData("dup-identical", "no change")]
    [InlineData("dup-case-only", "no change")]
    [InlineData("crlf", "1 added")]
    [InlineData("lowercase-name", "1 added")]
    [InlineData("tab-separated", "1 added")]
    public async Task A_list_pydecnet_accepts_is_accepted(string name, string change)
    {
        var text = File.ReadAllBytes(RepoPaths.Sample("names", $"{name}.names.dat"));
        _server.Handler = (c, _) => c.Response.Body.WriteAsync(text).AsTask();

        var outcome = await _rig.RunAsync(_server.Url);

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.StartsWith(change, outcome.Summary);
        Assert.Null(_rig.State!.Refused);
    }
}
