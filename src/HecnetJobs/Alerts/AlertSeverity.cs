namespace HecnetJobs.Alerts;

/// <summary>The three severities of an alert record, with their order (a channel's minimum severity compares ranks).</summary>
public static class AlertSeverity
{
    public const string Critical = "critical";
    public const string Warning = "warning";
    public const string Info = "info";

    public static readonly IReadOnlyList<string> All = [Info, Warning, Critical];

    /// <summary>1 for info (and anything unknown), 2 for warning, 3 for critical.</summary>
    public static int Rank(string severity) => severity switch
    {
        Critical => 3,
        Warning => 2,
        _ => 1,
    };

    /// <summary>The SQL expression for <see cref="Rank"/> of a severity column.</summary>
    internal static string RankSql(string column) => $"CASE {column} WHEN '{Critical}' THEN 3 WHEN '{Warning}' THEN 2 ELSE 1 END";
}
