using System.Runtime.Versioning;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>The ncp runner with stand-in programs: what it passes, and what it says when ncp cannot start.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class NcpRunnerTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task The_target_is_one_argument_and_the_api_socket_is_in_DECNETAPI()
    {
        var ncp = Script("ncp", $"""
            #!/bin/sh
            printf '%s|' "$@" > "{_dir.File("args")}"
            printf '%s' "$DECNETAPI" > "{_dir.File("env")}"
            printf '\nNode            State        Links   Delay  Circuit      Next Node\n1.13 (MIM)      Reachable                   DMC-0        1.13 (MIM)\n\n'
            """);

        var run = await new NcpRunner(ncp, "/run/pydecnet/api.sock", TimeSpan.FromSeconds(20), TimeProvider.System).ShowNodeAsync("MIM", CancellationToken.None);

        Assert.Equal("show|node|MIM|", File.ReadAllText(_dir.File("args")));
        Assert.Equal("/run/pydecnet/api.sock", File.ReadAllText(_dir.File("env")));
        Assert.Equal((LinkVerdict.Up, 0, false), (run.Reply.Verdict, run.ExitCode, run.TimedOut));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_ncp_whose_interpreter_is_missing_is_unknown_with_the_launch_kind()
    {
        var ncp = Script("ncp", "#!/nonexistent/python3\n");

        var run = await new NcpRunner(ncp, "/tmp/decnetapi.sock", TimeSpan.FromSeconds(20), TimeProvider.System).ShowNodeAsync("MIM", CancellationToken.None);

        Assert.Equal((LinkVerdict.Unknown, NcpReplyKinds.Launch, (int?)null), (run.Reply.Verdict, run.Reply.Kind, run.ExitCode));
        Assert.StartsWith($"ncp could not be started ({ncp}: ", run.Reply.Reason);
    }

    private string Script(string name, string text)
    {
        var path = _dir.Write(name, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
