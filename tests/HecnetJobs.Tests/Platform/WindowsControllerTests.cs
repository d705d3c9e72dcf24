using HecnetJobs.Platform;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Platform;

/// <summary>PyDECnet's controller on the Windows seams, driving the real simulator: start, evidence of a failed start, and the stop that is a kill.</summary>
public sealed class WindowsControllerTests : IDisposable
{
    private readonly SimNode _sim = new();
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(50));

    public void Dispose()
    {
        _sim.Dispose();
        _deadline.Dispose();
    }

    private PydecnetController Controller() => new(_sim.Pydecnet, _sim.Watchdog, HostPlatform.Windows(), TimeProvider.System);

    [Fact(Timeout = 60_000)]
    public async Task A_start_waits_until_the_api_answers_and_a_stop_terminates_the_process()
    {
        var controller = Controller();

        var started = await controller.StartAsync(_deadline.Token);
        var pid = started.Pid!.Value;
        var answered = (await ApiProbe.ProbeAsync(_sim.ApiSocket, TimeSpan.FromSeconds(2), _deadline.Token)).Answered;
        var stopped = await controller.StopAsync(pid, _deadline.Token);

        Assert.True(started.Failure is null, started.Failure?.Text + "\n" + _sim.Dump());
        Assert.True(answered, _sim.Dump());
        Assert.Equal($"terminated PID {pid} and its child processes (Windows has no graceful stop for it)", stopped);
        Assert.False(new WindowsProcessList().IsAlive(pid));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_refused_start_is_classified_from_the_output_the_pump_appended()
    {
        _sim.Control(new { termDelaySeconds = 0.2, refuseStart = "names" });

        var started = await Controller().StartAsync(_deadline.Token);

        Assert.Equal("config-error", started.Failure?.Kind);
        Assert.Contains(" node 1.20 TOOLONG", started.Failure!.Evidence);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stale_socket_is_left_alone_off_windows_because_it_is_no_reparse_point()
    {
        File.WriteAllText(_sim.ApiSocket, "not a socket");

        var note = Controller().RemoveStaleSocket();

        Assert.Equal($"{_sim.ApiSocket} exists but is not a socket; left alone (PyDECnet will refuse to start until it is moved away)", note);
        Assert.True(File.Exists(_sim.ApiSocket));
    }
}
