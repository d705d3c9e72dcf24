using HecnetJobs.Jobs;
using HecnetJobs.Store;

namespace HecnetJobs.Status;

/// <summary>The <c>names</c> section, from the first name-refresh job's state; a refused list is a warning.</summary>
public sealed partial class StatusPublisher
{
    private void AddNames(StatusDocument document)
    {
        if (Schedule?.Jobs.FirstOrDefault(j => j.Type == NameRefreshJob.Type.Name) is not { } job)
            return;
        if (new NamesStore(_runs.Database).Load(job.Name) is not { } state)
            return;
        var refreshed = state.LastRefreshAt is not null;
        document.Names = new NamesStatus
        {
            LastRefresh = state.LastRefreshAt,
            Source = state.Source,
            File = state.NamesFile,
            Entries = state.Entries,
            Added = refreshed ? state.Added : null,
            Removed = refreshed ? state.Removed : null,
            Renamed = refreshed ? state.Renamed : null,
            Refused = state.Refused,
            PendingRestart = state.PendingRestart,
        };
        if (state.Refused is { } reason)
            document.Problems.Add($"node list refused at {Clock(state.RefusedAt ?? _time.GetUtcNow())}, names file kept: {reason}");
    }
}
