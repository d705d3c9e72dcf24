using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Pydecnet;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace HecnetJobs.Tests.Support;

/// <summary>
/// A PyDECnet simulator folder (node.conf, control.json, sim.pid) with a HecnetJobs store beside it, for running the
/// watchdog in-process against real simulator processes. Every simulator started from this folder — by the job, by the
/// test or by a daemon — is killed on Dispose, and at the latest when the test host exits: they run in their own
/// session, so nothing else would stop them.
/// </summary>
public sealed class SimNode : IDisposable
{
    public const string Job = "watchdog";

    private static readonly ConcurrentDictionary<SimNode, bool> Live = new();
    private static readonly JobRunContext Context = new(Job, new Dictionary<string, string>(), "cli");
    private readonly List<(Process Process, int Pid)> _others = [];
    private bool _disposed;

    static SimNode() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var node in Live.Keys)
            node.Dispose();
    };

    public SimNode()
    {
        Live[this] = true;
        Directory.CreateDirectory(DataDir);
        Database = new Database(Path.Combine(DataDir, "hecnetjobs.db"));
        Database.Migrate();
        Store = new WatchdogStore(Database);
        WriteConfig();
        Control(new { termDelaySeconds = 0.2 });
    }

    public TempDir Dir { get; } = new();

    public string ConfigFile => Dir.File("node.conf");

    public string DataDir => Dir.File("data");

    public string ConsoleLog => Path.Combine(DataDir, "pydecnet-console.log");

    public string ApiSocket { get; private set; } = "";

    public int? HttpPort { get; private set; }

    public Database Database { get; }

    public WatchdogStore Store { get; }

    /// <summary>How the job finds and starts PyDECnet; tests replace it to break something.</summary>
    public PydecnetOptions Pydecnet { get; set; } = null!;

    /// <summary>Fast settings: a probe gives up after 300 ms, a silent PyDECnet is hung after 1 s, SIGKILL follows SIGTERM after 1 s.</summary>
    public WatchdogOptions Watchdog { get; set; } = new()
    {
        ProbeTimeout = TimeSpan.FromMilliseconds(300),
        HangAfter = TimeSpan.FromSeconds(1),
        MainLoopGap = TimeSpan.FromSeconds(1),
        StopGrace = TimeSpan.FromSeconds(1),
        StartTimeout = TimeSpan.FromSeconds(15),
    };

    public WatchdogState? State => Store.Load(Job);

    /// <summary>The simulator's own record of its PID (written at each start, left behind by a crash).</summary>
    public int? SimPid => File.Exists(Dir.File("sim.pid"))
        && int.TryParse(File.ReadAllText(Dir.File("sim.pid")).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    /// <summary>Writes node.conf: the API socket (default in this folder) and optionally the HTTP monitor on a free port.</summary>
    public void WriteConfig(bool http = false, string? apiSocket = null)
    {
        ApiSocket = apiSocket ?? Dir.File("api.sock");
        HttpPort = http ? FreePort() : null;
        Dir.Write("node.conf", $"""
            routing 9.54 --type l2router
            node 1.13 MIM
            node 9.54 SAMPLE
            circuit dmc-0 DDCMP --mode tcp --cost 3
            api {ApiSocket}
            {(HttpPort is { } port ? $"http --http-port {port}" : "")}
            """);
        Pydecnet = PydecnetWith();
    }

    public PydecnetOptions PydecnetWith(string? command = null, string? pidFile = null) => new()
    {
        Command = command ?? RepoPaths.Sim("pydecnet"),
        Arguments = [ConfigFile],
        WorkingDirectory = Dir.Path,
        ConsoleLog = ConsoleLog,
        PidFile = pidFile,
        ApiSocket = ApiSocket,
        HttpPort = HttpPort,
    };

    /// <summary>Replaces control.json atomically (the simulator reads it again every half second).</summary>
    public void Control(object settings)
    {
        var temp = Dir.File(".control.json.tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(settings));
        File.Move(temp, Dir.File("control.json"), overwrite: true);
    }

    /// <summary>A watchdog job built as a one-shot CLI run builds it.</summary>
    public WatchdogJob NewWatchdog() => new(new JobServices(Options(), Database, TimeProvider.System, NullLoggerFactory.Instance));

    /// <summary>One watchdog run in this process, as a one-shot CLI run does it.</summary>
    public async Task<JobOutcome> RunWatchdogAsync(CancellationToken cancellationToken = default)
    {
        return await NewWatchdog().RunAsync(Context, cancellationToken);
    }

    public HecnetJobsOptions Options() => new()
    {
        ConfigFile = Dir.File("config.json"),
        DataDir = DataDir,
        JobsFile = Dir.File("jobs.xml"),
        Logging = new LoggingOptions { Dir = Path.Combine(DataDir, "logs") },
        Status = new StatusOptions { File = Path.Combine(DataDir, "status.json") },
        Housekeeping = new HousekeepingOptions(),
        Pydecnet = Pydecnet,
        Watchdog = Watchdog,
        // The test machine's own disk, memory and load must not raise alerts the tests do not expect.
        Vitals = TestOptions.NoVitals,
    };

    /// <summary>The <c>pydecnet</c> and <c>watchdog</c> sections for a config.json that drives this folder's simulator.</summary>
    public string ConfigSections() => $$"""
        ,
          "pydecnet": {
            "command": {{JsonSerializer.Serialize(RepoPaths.Sim("pydecnet"))}},
            "arguments": [{{JsonSerializer.Serialize(ConfigFile)}}],
            "workingDirectory": {{JsonSerializer.Serialize(Dir.Path)}},
            "apiSocket": {{JsonSerializer.Serialize(ApiSocket)}}
          },
          "watchdog": { "probeTimeout": "300ms", "hangAfter": "1s", "stopGrace": "1s", "startTimeout": "15s" }
        """;

    /// <summary>Events of the watchdog, oldest first, optionally of some kinds only.</summary>
    public IReadOnlyList<HistoryEvent> Events(params string[] kinds) =>
        new EventStore(Database).Since(Job, DateTimeOffset.UnixEpoch, kinds).Reverse().ToList();

    public IReadOnlyList<string> EventKinds() => Events().Select(e => e.Kind).ToList();

    public IReadOnlyList<string> AlertSubjects() => new AlertStore(Database).Since(DateTimeOffset.UnixEpoch).Select(a => a.Subject).ToList();

    /// <summary>Starts a simulator for this folder as the owner would (own session), and waits until its API answers.</summary>
    public async Task<int> StartSimAsync()
    {
        var pid = Libc.Spawn(RepoPaths.Sim("pydecnet"), [ConfigFile], Dir.Path, ConsoleLog);
        Assert.True(pid > 0, $"posix_spawn failed: errno {-pid}");
        await WaitUntilAnsweringAsync(pid);
        return pid;
    }

    public async Task WaitUntilAnsweringAsync(int pid)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!(await ApiProbe.ProbeAsync(ApiSocket, TimeSpan.FromSeconds(1), CancellationToken.None)).Answered)
        {
            if (!IsAlive(pid) || TimeProvider.System.GetElapsedTime(started) > Poll.DefaultDeadline)
                Assert.Fail($"simulator PID {pid} did not answer on {ApiSocket}\n{Dump()}");
            await Task.Delay(50);
        }
    }

    /// <summary>kill -9 and wait until it is dead (a zombie is dead).</summary>
    public async Task CrashAsync(int pid)
    {
        Signals.Send(pid, Signals.SIGKILL);
        await WaitUntilGoneAsync(pid);
    }

    public async Task WaitUntilGoneAsync(int pid, TimeSpan? deadline = null)
    {
        await Poll.UntilAsync(() => !IsAlive(pid), $"PID {pid} gone", Dump, deadline);
        _ = Libc.TryReap(pid);
    }

    public static bool IsAlive(int pid) => new ProcessTable().IsAlive(pid);

    /// <summary>The session id of a process (field 6 of /proc/PID/stat).</summary>
    public static int SessionOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[3], CultureInfo.InvariantCulture);
    }

    /// <summary>Starts an unrelated program that is killed on Dispose.</summary>
    public Process StartOther(string program, params string[] args)
    {
        var process = Process.Start(new ProcessStartInfo(program, args) { UseShellExecute = false })!;
        _others.Add((process, process.Id));
        return process;
    }

    /// <summary>Simulators of this folder: sim.pid and every live process whose command line names a file in it.</summary>
    public IReadOnlyList<int> Simulators()
    {
        var table = new ProcessTable();
        var found = table.Pids().Where(pid => table.CommandLine(pid)?.Any(a => a.StartsWith(Dir.Path + "/", StringComparison.Ordinal)) == true).ToList();
        if (SimPid is { } pid && table.IsAlive(pid) && !found.Contains(pid))
            found.Add(pid);
        return found;
    }

    public string Dump() =>
        $"sim.pid: {SimPid?.ToString(CultureInfo.InvariantCulture) ?? "none"}, simulators: [{string.Join(", ", Simulators())}]\n" +
        $"state: {State}\nevents:\n  {string.Join("\n  ", Events().Select(e => $"{e.Kind} {e.Pid} {e.Detail}"))}\n" +
        $"console log:\n{(File.Exists(ConsoleLog) ? File.ReadAllText(ConsoleLog) : "(none)")}";

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Live.TryRemove(this, out _);
        foreach (var pid in Simulators())
        {
            // SIGKILL also ends a stopped (SIGSTOP) process; our own children are reaped so no zombie is left.
            Libc.Signal(pid, Signals.SIGKILL);
            _ = Libc.TryReap(pid);
        }
        // By PID: a test may have disposed the Process object already.
        foreach (var (process, pid) in _others)
        {
            if (IsAlive(pid))
                Libc.Signal(pid, Signals.SIGKILL);
            process.Dispose();
        }
        Dir.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
