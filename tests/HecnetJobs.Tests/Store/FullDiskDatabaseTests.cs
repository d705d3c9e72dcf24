using System.Diagnostics;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Store;

/// <summary>A real full file system: a 2 MiB tmpfs, filled to the last byte.</summary>
public sealed class FullDiskDatabaseTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _mount;

    public FullDiskDatabaseTests()
    {
        _mount = _dir.File("data");
        Directory.CreateDirectory(_mount);
    }

    public void Dispose()
    {
        Run("umount", "-l", _mount);
        _dir.Dispose();
    }

    [RootFact]
    public void Opening_the_database_on_a_full_disk_says_so_and_exits_75()
    {
        Assert.Equal(0, Run("mount", "-t", "tmpfs", "-o", "size=2m", "hecnetjobs-test", _mount));
        var path = Path.Combine(_mount, "hecnetjobs.db");
        var database = new Database(path);
        database.Migrate();
        // Closed as by a daemon that stopped: the WAL and its index file go, and must be made again at the next open.
        using (var pooled = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString))
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(pooled);
        Assert.False(File.Exists(path + "-shm"), "the WAL index outlived the last connection");
        Fill(Path.Combine(_mount, "filler"));

        var error = Assert.Throws<HecnetJobsException>(() => new Database(path).Migrate(verify: true));

        Assert.Equal(ExitCodes.TempFail, error.ExitCode);
        Assert.StartsWith($"{path}: the data folder's disk is full (SQLite: ", error.Message);
        Assert.EndsWith($"); free some space there (df -h {_mount}), then start HecnetJobs again", error.Message);
    }

    private static void Fill(string file)
    {
        using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var block = new byte[4096];
        try
        {
            while (true)
                stream.Write(block);
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            // Full: what the test wants.
        }
    }

    private static int Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
