using System.Globalization;
using System.Text;
using HecnetJobs.Jobs;
using HecnetJobs.Store;

namespace HecnetJobs.Reports;

/// <summary>The digest's name-refresh and pause sections.</summary>
public sealed partial class DigestBuilder
{
    /// <summary>The name-refresh results worth a line each, and the word each is shown with.</summary>
    private static readonly (string Kind, string Word)[] NameResults =
    [
        (NameRefreshEvents.Changed, "changed"),
        (NameRefreshEvents.Refused, "refused"),
        (NameRefreshEvents.DownloadFailed, "download failed"),
        (NameRefreshEvents.Restored, "restored"),
    ];

    private const int MaxUnchangedShown = 3;

    private void AppendNames(StringBuilder text, List<string> headline, HistoryStore history, DateTimeOffset from, DateTimeOffset to)
    {
        var names = new NamesStore(database);
        foreach (var job in names.Jobs())
        {
            var state = names.Load(job)!;
            var entries = state.Entries is { } count ? (count == 1 ? "1 entry" : $"{count.ToString(CultureInfo.InvariantCulture)} entries") : "no list yet";
            var refreshed = state.LastRefreshAt is { } last ? $", last refreshed {Clock(last, to)}" : "";
            text.Append(CultureInfo.InvariantCulture, $"\nNames ({job}): {entries}{refreshed}.\n");
            var results = NameResults
                .SelectMany(r => history.Events(job, r.Kind, from, to).Select(e => (e.At, r.Word, Line: $"{r.Word}: {e.Detail.Split('\n')[0]}")))
                .ToList();
            // A few "no change" runs read best in line; an hourly schedule's would crowd the rest out.
            var unchanged = history.Events(job, NameRefreshEvents.Unchanged, from, to);
            if (unchanged.Count <= MaxUnchangedShown)
                results.AddRange(unchanged.Select(e => (e.At, Word: "no change", Line: "no change")));
            foreach (var (at, _, line) in results.OrderBy(r => r.At))
                text.Append(CultureInfo.InvariantCulture, $"  {Clock(at, to)}  {line}\n");
            if (unchanged.Count > MaxUnchangedShown)
                text.Append(CultureInfo.InvariantCulture, $"  No change: {unchanged.Count} runs, the last at {Clock(unchanged[^1].At, to)}.\n");
            if (results.Count == 0 && unchanged.Count == 0)
                text.Append("  No refresh in this period.\n");
            if (state.Refused is not null)
                text.Append(CultureInfo.InvariantCulture, $"  The latest list was refused{(state.RefusedAt is { } when ? $" at {Clock(when, to)}" : "")}; the file keeps the previous names.\n");
            if (state.PendingRestart is { } pending)
                text.Append(CultureInfo.InvariantCulture, $"  A restart to read the new names waits until {Clock(pending, to)}{(state.PendingReason is { } why ? $": {why}" : "")}.\n");
            if (results.Any(r => r.Word == "refused"))
                headline.Add("names refused");
            else if (results.Any(r => r.Word == "changed"))
                headline.Add("names changed");
        }
    }

    private void AppendPauses(StringBuilder text, DateTimeOffset from, DateTimeOffset to)
    {
        var pauses = new PauseStore(database).Overlapping(from, to);
        if (pauses.Count == 0)
            return;
        text.Append(CultureInfo.InvariantCulture, $"\nPauses: {pauses.Count}.\n");
        foreach (var pause in pauses)
        {
            var how = pause.Until <= to ? "ended" : "in force";
            var reason = pause.Reason is { } why ? $": {why}" : "";
            text.Append(CultureInfo.InvariantCulture, $"  {pause.Job} paused {Clock(pause.PausedAt, to)} to {Clock(pause.Until, to)} ({how}), by {pause.PausedBy}{reason}\n");
        }
    }
}
