using Microsoft.Data.Sqlite;

namespace HecnetJobs.Tests.Store;

/// <summary>A real "database or disk is full" from SQLite, without a full disk: max_page_count refuses to grow the file.</summary>
internal static class SqliteFull
{
    public static SqliteException Error()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (x BLOB); PRAGMA max_page_count = 2;";
        command.ExecuteNonQuery();
        command.CommandText = "INSERT INTO t VALUES (zeroblob(100000));";
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            return e;
        }
        throw new InvalidOperationException("SQLite did not refuse to grow the database");
    }
}
