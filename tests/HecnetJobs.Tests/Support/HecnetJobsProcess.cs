using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace HecnetJobs.Tests.Support;

/// <summary>The real hecnetjobs executable as a child process, its output collected line by line.</summary>
public sealed class HecnetJobsProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private bool _disposed;

    private HecnetJobsProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The built hecnetjobs.dll, copied with its own dependencies to app/ beside the test assembly (see the test project).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "app", "hecnetjobs.dll");

    /// <summary>
    /// A published hecnetjobs executable to run instead of <see cref="Dll"/> (e.g. a Native AOT build, see bench/aot.sh),
    /// from $HECNETJOBS_TEST_EXECUTABLE; null runs the built dll with dotnet.
    /// </summary>
    public static string? Executable => Environment.GetEnvironmentVariable("HECNETJOBS_TEST_EXECUTABLE") is { Length: > 0 } path ? path : null;

    public int Pid => _process.Id;

    public string Stdout => string.Join('\n', _stdout);

    public string Stderr => string.Join('\n', _stderr);

    public int ExitCode => _process.ExitCode;

    public static HecnetJobsProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(Executable ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (Executable is null)
            info.ArgumentList.Add(Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // A test must not pick up the machine's own config or a systemd socket by accident.
        info.Environment.Remove("HECNETJOBS_CONFIG");
        info.Environment.Remove("NOTIFY_SOCKET");
        info.Environment.Remove("WATCHDOG_USEC");
        info.Environment.Remove("WATCHDOG_PID");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var wrapper = new HecnetJobsProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) wrapper._stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) wrapper._stderr.Enqueue(e.Data); };
        process.Exited += (_, _) => wrapper._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Runs a command to its end and returns its exit code and output.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, process.Stdout, process.Stderr);
    }

    public async Task WaitForExitAsync(TimeSpan deadline)
    {
        try
        {
            await _exited.Task.WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"hecnetjobs (PID {Pid}) did not exit within {deadline.TotalSeconds}s\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
        // Exited fires before the last output lines are read; this waits for the streams to drain.
        _process.WaitForExit();
    }

    /// <summary>Waits until a line of stderr (where the log goes) contains <paramref name="text"/>.</summary>
    public Task WaitForLogAsync(string text, TimeSpan? deadline = null) =>
        Poll.UntilAsync(() => _stderr.Any(l => l.Contains(text, StringComparison.Ordinal)) || _exited.Task.IsCompleted && _stderr.Any(l => l.Contains(text, StringComparison.Ordinal)),
            $"log line containing '{text}'", () => $"exited: {_exited.Task.IsCompleted}\nstderr:\n{Stderr}", deadline);

    public void Signal(int signal) => Signals.Send(Pid, signal);

    /// <summary>Types <paramref name="text"/> into the process's stdin, as a user at a pipe would.</summary>
    public void WriteInput(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Flush();
    }

    /// <summary>Closes stdin: the process reads end of input, as after Ctrl-D.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
