using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>Alert records (<c>hj_alerts</c>), written in the same transaction as the change that raised them.</summary>
public sealed class AlertStore(Database database)
{
    /// <summary>Alerts raised at or after <paramref name="from"/>, oldest first.</summary>
    public IReadOnlyList<AlertRecord> Since(DateTimeOffset from)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT raised_at, source, kind, severity, subject, body FROM hj_alerts WHERE raised_at >= $from ORDER BY id;";
        command.Parameters.AddWithValue("$from", StoreTime.ToText(from));
        using var reader = command.ExecuteReader();
        var alerts = new List<AlertRecord>();
        while (reader.Read())
        {
            alerts.Add(new AlertRecord(
                StoreTime.FromText(reader.GetString(0)), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }
        return alerts;
    }

    /// <summary>Writes one alert that goes with no state change (the daily digest).</summary>
    public void Add(AlertRecord alert)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Insert(connection, transaction, alert);
        transaction.Commit();
    }

    internal static void Insert(SqliteConnection connection, SqliteTransaction transaction, AlertRecord alert)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO hj_alerts (raised_at, source, kind, severity, subject, body)
            VALUES ($at, $source, $kind, $severity, $subject, $body);
            """;
        command.Parameters.AddWithValue("$at", StoreTime.ToText(alert.RaisedAt));
        command.Parameters.AddWithValue("$source", alert.Source);
        command.Parameters.AddWithValue("$kind", alert.Kind);
        command.Parameters.AddWithValue("$severity", alert.Severity);
        command.Parameters.AddWithValue("$subject", alert.Subject);
        command.Parameters.AddWithValue("$body", alert.Body);
        command.ExecuteNonQuery();
    }
}
