using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>The events and alerts a state change brings, written inside the transaction that writes the change.</summary>
internal static class ChangeRecords
{
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<HistoryEvent> events, IEnumerable<AlertRecord> alerts)
    {
        foreach (var item in events)
            EventStore.Insert(connection, transaction, item);
        foreach (var alert in alerts)
            AlertStore.Insert(connection, transaction, alert);
    }
}
