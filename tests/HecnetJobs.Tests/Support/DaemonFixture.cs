using Microsoft.Data.Sqlite;

namespace HecnetJobs.Tests.Support;

/// <summary>A config folder with a running (or stopped) daemon, and direct looks into its database and status file.</summary>
public sealed class DaemonFixture : IDisposable
{
    private readonly List<HecnetJobsProcess> _processes = [];

    public DaemonFixture(string schedule, string extraConfig = "")
    {
        ConfigFile = TestFiles.Setup(Dir, schedule, extraConfig);
    }

    public TempDir Dir { get; } = new();

    public string ConfigFile { get; }

    public string DataDir => Dir.File("data");

    public string DatabaseFile => Path.Combine(DataDir, "hecnetjobs.db");

    public string StatusFile => Path.Combine(DataDir, "status.json");

    /// <summary>Starts <c>hecnetjobs run</c> and waits until it has started its scheduler.</summary>
    public async Task<HecnetJobsProcess> StartDaemonAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var daemon = Start(["run", "--config", ConfigFile], environment);
        await daemon.WaitForLogAsync("started as PID");
        return daemon;
    }

    public HecnetJobsProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = HecnetJobsProcess.Start(args, environment);
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs a CLI command to its end.</summary>
    public async Task<HecnetJobsProcess> RunAsync(params string[] args)
    {
        var process = Start([.. args, "--config", ConfigFile]);
        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return process;
    }

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public string StatusText => File.Exists(StatusFile) ? File.ReadAllText(StatusFile) : "(no status file)";

    public void Dispose()
    {
        foreach (var process in _processes)
            process.Dispose();
        Dir.Dispose();
    }
}
