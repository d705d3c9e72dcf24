using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using HecnetJobs.Jobs;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>Starts that fail, as the simulator reproduces PyDECnet's captured start-up failures: each is named exactly.</summary>
[SupportedOSPlatform("linux")]
public sealed class WatchdogJobStartFailureTests : IDisposable
{
    private const string Timestamp = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}";

    private readonly SimNode _sim = new();
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(50));

    public void Dispose()
    {
        _sim.Dispose();
        _deadline.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_names_file_error_is_a_config_error_with_pydecnets_own_lines_as_evidence()
    {
        _sim.Control(new { termDelaySeconds = 0.2, refuseStart = "names" });

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.False(outcome.Succeeded);
        Assert.Equal("PyDECnet could not be started: PyDECnet rejected its config or names file", outcome.Summary);
        AssertDown("start failed (config-error): PyDECnet rejected its config or names file");
        var evidence = StartFailedLines();
        Assert.Equal(4, evidence.Length);
        Assert.Equal("start failed (config-error): PyDECnet rejected its config or names file", evidence[0]);
        Assert.Matches($"^{Timestamp}: MainThread: Config file parse error in <_io.TextIOWrapper name='{_sim.ConfigFile}' mode='r' encoding='UTF-8'>:$", evidence[1]);
        Assert.Equal([" argument name: invalid nodename value: 'TOOLONG'", " node 1.20 TOOLONG"], evidence[2..]);
        Assert.Equal(["PyDECnet down: start failed (config-error)"], _sim.AlertSubjects());
        Assert.Empty(_sim.Simulators());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_same_start_failure_again_is_recorded_but_not_alerted_again()
    {
        _sim.Control(new { termDelaySeconds = 0.2, refuseStart = "names" });
        await _sim.RunWatchdogAsync(_deadline.Token);

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Equal("PyDECnet could not be started: PyDECnet rejected its config or names file", outcome.Summary);
        Assert.Equal(2, _sim.Events(WatchdogEvents.StartFailed).Count);
        Assert.Equal(["PyDECnet down: start failed (config-error)"], _sim.AlertSubjects());
    }

    [Fact(Timeout = 60_000)]
    public async Task An_api_socket_that_cannot_be_bound_is_an_api_bind_failure_and_the_apiless_pydecnet_is_stopped()
    {
        _sim.Control(new { termDelaySeconds = 0.2, refuseStart = "api-bind" });

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Equal("PyDECnet could not be started: PyDECnet cannot create its API socket (does the socket's folder exist and is it writable?)", outcome.Summary);
        AssertDown("start failed (api-bind): PyDECnet cannot create its API socket (does the socket's folder exist and is it writable?)");
        AssertApiBindEvidence();
        Assert.Equal(["PyDECnet down: start failed (api-bind)"], _sim.AlertSubjects());
        Assert.Empty(_sim.Simulators());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_socket_path_whose_folder_is_missing_is_an_api_bind_failure()
    {
        _sim.WriteConfig(apiSocket: _sim.Dir.File("no-such-folder/api.sock"));

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Equal("PyDECnet could not be started: PyDECnet cannot create its API socket (does the socket's folder exist and is it writable?)", outcome.Summary);
        AssertApiBindEvidence();
        Assert.Empty(_sim.Simulators());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_taken_http_port_is_an_http_port_failure()
    {
        _sim.WriteConfig(http: true);
        // apiSilent: the API comes up ~3 ms before the HTTP bind fails; an answer in that gap is the race of the skipped test below.
        _sim.Control(new { termDelaySeconds = 0.2, apiSilent = true });
        using var squatter = new TcpListener(IPAddress.Loopback, _sim.HttpPort!.Value);
        squatter.Start();

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Equal("PyDECnet could not be started: the HTTP monitor's port is already in use by another program", outcome.Summary);
        AssertDown("start failed (http-port): the HTTP monitor's port is already in use by another program");
        Assert.Equal(["start failed (http-port): the HTTP monitor's port is already in use by another program", "OSError: [Errno 98] Address already in use"], StartFailedLines());
        Assert.Equal(["PyDECnet down: start failed (http-port)"], _sim.AlertSubjects());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_taken_http_port_is_a_start_failure_even_when_the_api_answers_before_the_http_bind_fails()
    {
        _sim.WriteConfig(http: true);
        using var squatter = new TcpListener(IPAddress.Loopback, _sim.HttpPort!.Value);
        squatter.Start();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var outcome = await _sim.RunWatchdogAsync(_deadline.Token);
            Assert.Equal("PyDECnet could not be started: the HTTP monitor's port is already in use by another program", outcome.Summary);
            _sim.Store.Reset(SimNode.Job, TimeProvider.System.GetUtcNow());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_start_refused_for_an_existing_socket_is_a_stale_socket_failure()
    {
        _sim.Control(new { termDelaySeconds = 0.2, refuseStart = "stale-socket" });

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Equal("PyDECnet could not be started: the API socket file already exists (left behind by an earlier PyDECnet)", outcome.Summary);
        Assert.Equal(
            [
                "start failed (stale-socket): the API socket file already exists (left behind by an earlier PyDECnet)",
                "RuntimeError: Another socket server appears to be already running.",
                "To correct this, verify PyDECnet is not running, then remove",
                $"{_sim.ApiSocket} and restart.",
            ],
            StartFailedLines());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stale_socket_file_is_removed_before_the_start_so_the_start_succeeds()
    {
        // A PyDECnet that was killed leaves its socket file behind; the next one would refuse to start beside it.
        await _sim.CrashAsync(await _sim.StartSimAsync());
        Assert.True(File.Exists(_sim.ApiSocket));

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.Matches($@"^started PyDECnet \(was not running\): PID {_sim.SimPid} answering after \d+ ms$", outcome.Summary);
        Assert.Equal([$"removed stale API socket {_sim.ApiSocket}"], _sim.Events(WatchdogEvents.SocketRemoved).Select(e => e.Detail));
        Assert.Empty(_sim.Events(WatchdogEvents.StartFailed));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_pydecnet_that_dies_before_it_answers_is_an_exited_failure_with_its_exit_code()
    {
        // apiSilent keeps the probe from winning the race against the crash: the exit is what the watchdog must see.
        _sim.Control(new { termDelaySeconds = 0.2, apiSilent = true, crashAfterSeconds = 0.5 });

        var outcome = await _sim.RunWatchdogAsync(_deadline.Token);

        Assert.Equal("PyDECnet could not be started: PyDECnet exited with code 1 right after starting", outcome.Summary);
        AssertDown("start failed (exited): PyDECnet exited with code 1 right after starting");
        var evidence = StartFailedLines();
        Assert.Equal("start failed (exited): PyDECnet exited with code 1 right after starting", evidence[0]);
        Assert.Matches($"^{Timestamp}: SAMPLE: DECnet/Python is running$", evidence[^1]);
        Assert.Equal(["PyDECnet down: start failed (exited)"], _sim.AlertSubjects());
    }

    private void AssertDown(string problem)
    {
        var state = _sim.State!;
        Assert.Equal((PydecnetStates.Down, null, problem), (state.State, state.Pid, state.Problem));
        Assert.Equal(["state", "state", "spawn", "start-failed", "state"], _sim.EventKinds());
        Assert.Equal($"restarting -> down: {problem}", _sim.Events()[^1].Detail);
    }

    private void AssertApiBindEvidence()
    {
        var evidence = StartFailedLines();
        Assert.Equal(3, evidence.Length);
        Assert.Matches($"^{Timestamp}: SAMPLE: Error binding to API socket$", evidence[1]);
        Assert.Equal("FileNotFoundError: [Errno 2] No such file or directory", evidence[2]);
    }

    private string[] StartFailedLines() => Assert.Single(_sim.Events(WatchdogEvents.StartFailed)).Detail.Split('\n');
}
