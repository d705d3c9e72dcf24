using System.Globalization;
using HecnetJobs.Store;

namespace HecnetJobs.Alerts;

/// <summary>
/// Message-Ids made from the alerts a message holds: the same alerts give the same id, so a message repeated after a
/// crash folds into the first one in a mail client. The first alert's time keeps ids unique across a rebuilt database.
/// </summary>
public static class MessageIds
{
    public static string For(IReadOnlyList<QueuedAlert> alerts, string nodeName)
    {
        var first = alerts[0];
        var last = alerts[^1];
        var ids = first.Id == last.Id ? $"{first.Id}" : $"{first.Id}-{last.Id}.{alerts.Count}";
        return string.Create(CultureInfo.InvariantCulture, $"alert-{ids}.{first.Alert.RaisedAt.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}@{Domain(nodeName)}");
    }

    /// <summary>The id of an <c>alert test</c> message, new every time.</summary>
    public static string ForTest(DateTimeOffset now, string nodeName) =>
        string.Create(CultureInfo.InvariantCulture, $"test.{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}.{Environment.ProcessId}@{Domain(nodeName)}");

    private static string Domain(string nodeName)
    {
        var label = new string([.. nodeName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return $"{(label.Length == 0 ? "node" : label)}.hecnetjobs.invalid";
    }
}
