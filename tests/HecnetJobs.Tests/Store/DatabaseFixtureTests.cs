using System.Text;
using HecnetJobs.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HecnetJobs.Tests.Store;

/// <summary>The checked-in databases are what <see cref="DatabaseFixtures"/> makes: same schema version, tables and rows.</summary>
public sealed class DatabaseFixtureTests
{
    public static TheoryData<int> Versions => [.. DatabaseFixtures.Versions];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Versions))]
    public async Task The_checked_in_database_of_schema_version_n_is_what_the_generator_makes(int version)
    {
        using var dir = new TempDir();
        var made = dir.File("made.db");
        await DatabaseFixtures.MakeAsync(made, version);
        if (Environment.GetEnvironmentVariable("HECNETJOBS_WRITE_DB_FIXTURES") == "1")
            File.Copy(made, DatabaseFixtures.Path(version), overwrite: true);
        var checkedIn = dir.File("checked-in.db");
        File.Copy(DatabaseFixtures.Path(version), checkedIn);

        Assert.Equal(Dump(made), Dump(checkedIn));
        Assert.InRange(new FileInfo(DatabaseFixtures.Path(version)).Length, 1, 200 * 1024);
    }

    /// <summary>The version, every table's definition, HecnetJobs' rows, and the names of the jobs and triggers Quartz stored.</summary>
    internal static string Dump(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        connection.Open();
        var text = new StringBuilder();
        text.Append("user_version ").Append(Query(connection, "PRAGMA user_version;").Single()[0]).Append('\n');
        foreach (var row in Query(connection, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name;"))
            text.Append(string.Join(" | ", row)).Append('\n');
        foreach (var table in Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'hj\\_%' ESCAPE '\\' ORDER BY name;").Select(r => r[0]))
        {
            foreach (var row in Query(connection, $"SELECT * FROM {table} ORDER BY 1, 2;"))
                text.Append(table).Append(": ").Append(string.Join(" | ", row)).Append('\n');
        }
        foreach (var row in Query(connection, "SELECT JOB_GROUP, JOB_NAME, TRIGGER_NAME, TRIGGER_TYPE, START_TIME FROM QRTZ_TRIGGERS ORDER BY 1, 2, 3;"))
            text.Append("QRTZ_TRIGGERS: ").Append(string.Join(" | ", row)).Append('\n');
        return text.ToString();
    }

    internal static List<string[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        return rows;
    }
}
