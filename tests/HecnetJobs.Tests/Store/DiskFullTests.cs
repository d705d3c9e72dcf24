using HecnetJobs.Store;
using HecnetJobs.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HecnetJobs.Tests.Store;

public sealed class DiskFullTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SQLite_running_out_of_room_is_a_full_disk()
    {
        var error = SqliteFull.Error();

        Assert.Equal(13, error.SqliteErrorCode);
        Assert.True(DiskFull.Is(error));
    }

    [Fact]
    public void A_write_to_a_device_with_no_room_is_a_full_disk()
    {
        // /dev/full answers every write with ENOSPC.
        var error = Assert.ThrowsAny<IOException>(() => File.WriteAllBytes("/dev/full", new byte[16]));

        Assert.True(DiskFull.Is(error), $"HResult 0x{error.HResult:X8}: {error.Message}");
        Assert.True(DiskFull.Is(new InvalidOperationException("wrapped", error)));
    }

    [Fact]
    public void Other_failures_are_not_a_full_disk()
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("other.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM missing";

        Assert.False(DiskFull.Is(Assert.Throws<SqliteException>(() => command.ExecuteNonQuery())));
        Assert.False(DiskFull.Is(new FileNotFoundException("gone")));
        Assert.False(DiskFull.Is(new InvalidOperationException("a bug")));
    }
}
