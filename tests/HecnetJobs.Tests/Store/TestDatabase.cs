using HecnetJobs.Store;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Store;

/// <summary>A real, migrated HecnetJobs database file in a temporary folder that deletes itself.</summary>
internal sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Database = new Database(Dir.File("hecnetjobs.db"));
        Database.Migrate();
    }

    public TempDir Dir { get; } = new();

    public Database Database { get; }

    /// <summary>Runs one statement and returns the first column of the first row (null when there is none).</summary>
    public object? Scalar(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Execute(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => Dir.Dispose();
}
