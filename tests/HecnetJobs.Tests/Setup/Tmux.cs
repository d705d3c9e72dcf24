using System.Diagnostics;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Setup;

/// <summary>A private tmux server (its own socket in a temporary folder) with one window running a program in a real terminal: keys go in with send-keys, the screen comes back with capture-pane.</summary>
public sealed class Tmux : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempDir _folder = new();
    private int _linesAnswered;

    private Tmux()
    {
    }

    /// <summary>The tmux program on PATH, or null.</summary>
    public static string? Program { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries).Select(f => Path.Combine(f, "tmux")).FirstOrDefault(File.Exists);

    /// <summary>Starts <paramref name="command"/> (an argument list) in a wide window that stays after the program ends.</summary>
    public static async Task<Tmux> StartAsync(IReadOnlyList<string> command, string workingDirectory)
    {
        var tmux = new Tmux();
        await tmux.RunAsync(["-f", "/dev/null", "new-session", "-d", "-s", "setup", "-x", "250", "-y", "80", "-c", workingDirectory, .. command]);
        await tmux.RunAsync(["set-option", "-t", "setup", "remain-on-exit", "on"]);
        return tmux;
    }

    /// <summary>The screen and its scroll-back: wrapped lines joined, blanks at line ends dropped (tmux keeps some and not others), without tmux's own "Pane is dead" line.</summary>
    public async Task<string> ScreenAsync()
    {
        var lines = (await RunAsync(["capture-pane", "-p", "-J", "-S", "-500", "-t", "setup"])).Split('\n')
            .Select(l => l.TrimEnd())
            .Where(l => !l.StartsWith("Pane is dead", StringComparison.Ordinal));
        return string.Join('\n', lines).TrimEnd('\n');
    }

    /// <summary>Waits until the last line of the screen is a new <paramref name="prompt"/> (below the last one answered), then types <paramref name="answer"/> and Enter.</summary>
    public async Task AnswerAsync(string prompt, string answer)
    {
        var lines = await UntilAsync(s =>
        {
            var all = s.Split('\n');
            return all.Length > _linesAnswered && all[^1].StartsWith(prompt.TrimEnd(), StringComparison.Ordinal);
        }, $"the prompt '{prompt}' on a new last line");
        _linesAnswered = lines.Split('\n').Length;
        if (answer.Length > 0)
            await RunAsync(["send-keys", "-t", "setup", "-l", answer]);
        await RunAsync(["send-keys", "-t", "setup", "Enter"]);
    }

    /// <summary>Sends one key by its tmux name (<c>C-d</c>).</summary>
    public Task SendAsync(string key) => RunAsync(["send-keys", "-t", "setup", key]);

    /// <summary>Waits until the screen shows <paramref name="text"/>, and returns the screen.</summary>
    public Task<string> WaitForAsync(string text) =>
        UntilAsync(s => s.Contains(text, StringComparison.Ordinal), $"'{text}' on the screen");

    private async Task<string> UntilAsync(Func<string, bool> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var screen = await ScreenAsync();
            if (condition(screen))
                return screen;
            if (TimeProvider.System.GetElapsedTime(started) > Deadline)
                throw new TimeoutException($"gave up after {Deadline.TotalSeconds}s waiting for {what}; the screen:\n{screen}");
            await Task.Delay(50);
        }
    }

    private async Task<string> RunAsync(IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(Program!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-S");
        info.ArgumentList.Add(_folder.File("tmux.sock"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tmux {string.Join(' ', args)}: exit code {process.ExitCode}: {await error}");
        return await output;
    }

    public void Dispose()
    {
        // Ends the server of this test's own socket, and the program in its window with it.
        try
        {
            RunAsync(["kill-server"]).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // The server had already ended.
        }
        _folder.Dispose();
    }
}
