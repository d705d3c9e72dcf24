using System.Diagnostics;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Jobs;

/// <summary>
/// The PyDECnet simulator as a child of the test: node SAMPLE (9.54) adjacent to MIM (1.13) over circuit DMC-0, its API
/// socket and control.json in a temporary folder. Ready once the API answers; killed by PID and waited for on dispose.
/// </summary>
internal sealed class LinkProbeSimulator : IDisposable
{
    private Process? _process;

    public TempDir Dir { get; } = new();

    public string ApiSocket => Dir.File("api.sock");

    public static string Ncp => RepoPaths.Sim("ncp");

    public int Pid => _process?.Id ?? throw new InvalidOperationException("the simulator is not running");

    /// <summary>Writes node.conf and starts the simulator, then waits until its API answers <c>{}</c>.</summary>
    public static async Task<LinkProbeSimulator> StartAsync()
    {
        var sim = new LinkProbeSimulator();
        try
        {
            sim.Dir.Write("node.conf", $"""
                routing 9.54 --type l2router
                node 1.13 MIM
                node 9.54 SAMPLE
                node 1.2 ERNIE
                node 9.20 LOCAL
                circuit dmc-0 DDCMP --mode tcp --cost 3
                api {sim.ApiSocket}
                """);
            sim.Dir.Write("control.json", """{"termDelaySeconds": 0.2}""");
            await sim.StartProcessAsync();
            return sim;
        }
        catch
        {
            sim.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>simctl --dir DIR ARGS</c> to its end; a failure names the command and what it printed.</summary>
    public async Task CtlAsync(params string[] args)
    {
        var info = new ProcessStartInfo(RepoPaths.Sim("simctl")) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--dir");
        info.ArgumentList.Add(Dir.Path);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"simctl {string.Join(' ', args)} exited {process.ExitCode}: {await stdout}{await stderr}");
    }

    /// <summary>Kills the simulator (SIGKILL, a crash: the socket file stays) and waits for it.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        // A stopped (SIGSTOP) process still dies of SIGKILL.
        Kill();
        _process?.Dispose();
        Dir.Dispose();
    }

    private async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo(RepoPaths.Sim("pydecnet")) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(Dir.File("node.log"));
        info.ArgumentList.Add(Dir.File("node.conf"));
        _process = Process.Start(info)!;
        // Drained so a chatty simulator never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var started = TimeProvider.System.GetTimestamp();
        while (!(await ApiProbe.ProbeAsync(ApiSocket, TimeSpan.FromSeconds(1), CancellationToken.None)).Answered)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the simulator exited with code {_process.ExitCode}:\n{Log}");
            if (TimeProvider.System.GetElapsedTime(started) > Poll.DefaultDeadline)
                throw new TimeoutException($"the simulator's API did not answer {{}} within {Poll.DefaultDeadline.TotalSeconds}s:\n{Log}");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the simulator with SIGTERM (<c>simctl stop</c>; the socket file stays, as with the real one) and waits until it exited.</summary>
    public async Task StopAsync()
    {
        await CtlAsync("stop");
        await _process!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The simulator's log, for failure messages.</summary>
    public string Log => File.Exists(Dir.File("node.log")) ? File.ReadAllText(Dir.File("node.log")) : "(no node.log)";
}
