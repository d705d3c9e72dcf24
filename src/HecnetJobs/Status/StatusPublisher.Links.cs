using HecnetJobs.Jobs;
using HecnetJobs.Store;

namespace HecnetJobs.Status;

/// <summary>The links section: one entry per probed target, a down link CRITICAL (or WARNING per <c>linkProbe.downIs</c>), a link unknown for too long a WARNING.</summary>
public sealed partial class StatusPublisher
{
    private void AddLinks(StatusDocument document, List<string> critical)
    {
        if (Schedule is not { } schedule)
            return;
        var now = _time.GetUtcNow();
        var options = _options.LinkProbe;
        // A target no longer probed keeps its row (and history) but leaves the status file: its last state is no news.
        var probed = LinkProbeJob.ScheduledTargets(options, schedule);
        foreach (var link in new LinkStore(_runs.Database).LoadAll().Where(l => probed.Contains(l.Target)))
        {
            document.Links[link.Target] = new LinkStatus
            {
                State = link.Shown,
                Since = link.ShownSince,
                LastCheck = link.LastCheck,
                LastChange = link.LastChange,
                Confirmed = link.State,
                Reason = link.LastReason,
            };
            if (link.State == LinkStates.Down)
            {
                var checking = link.UnknownSince is null ? "" : $" (cannot check now: {link.LastReason})";
                var line = $"link {link.Target} down since {Clock(link.Since!.Value)}{checking}";
                (options.SeverityOf(link.Target) == StatusStates.Warning ? document.Problems : critical).Add(line);
            }
            else if (link.UnknownSince is { } since && options.UnknownAlertAfter is { } limit && now - since >= limit)
            {
                document.Problems.Add($"link {link.Target} cannot be checked since {Clock(since)}: {link.LastReason}");
            }
        }
    }
}
