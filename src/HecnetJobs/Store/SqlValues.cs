using Microsoft.Data.Sqlite;

namespace HecnetJobs.Store;

/// <summary>The conversions every store needs: nullable values to parameters, and nullable columns back.</summary>
internal static class SqlValues
{
    /// <summary>A time as stored text, or NULL.</summary>
    public static object Of(DateTimeOffset? time) => time is { } t ? StoreTime.ToText(t) : DBNull.Value;

    /// <summary>A text, or NULL.</summary>
    public static object Of(string? text) => (object?)text ?? DBNull.Value;

    /// <summary>A stored time, or null for NULL.</summary>
    public static DateTimeOffset? TimeOrNull(this SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : StoreTime.FromText(reader.GetString(column));

    /// <summary>A text, or null for NULL.</summary>
    public static string? TextOrNull(this SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
