using HecnetJobs.Status;
using HecnetJobs.Store;

namespace HecnetJobs.Jobs;

/// <summary>Host vitals beside PyDECnet's own: a full SD card is how a Pi router dies quietly.</summary>
public sealed partial class WatchdogJob
{
    /// <summary>
    /// Judges free space, memory and load; raises one alert when a subject's level changes (a disk becomes low, or
    /// critical), and one when all clear. A figure that merely moves (8 MiB free, then 7) is no news.
    /// </summary>
    private void CheckVitals(Run run)
    {
        var now = Now;
        var vitals = HostVitalsReader.Read(_services.Options.WatchedFolders);
        var findings = VitalsJudge.Judge(vitals, Environment.ProcessorCount, _services.Options.Vitals);
        var previous = new EventStore(_services.Database).Latest(run.Job, WatchdogEvents.Vitals)?.Detail ?? VitalsJudge.Ok;
        if (VitalsJudge.SameFindings(previous, findings))
            return;
        var text = VitalsJudge.Record(findings);
        run.Event(now, WatchdogEvents.Vitals, null, text);
        if (findings.Count == 0)
        {
            run.Alert(now, "vitals", "info", "Host vitals back to normal", $"Earlier:\n{previous}");
        }
        else
        {
            var critical = findings.Any(f => f.Level == VitalsFinding.Critical);
            var first = findings[0].Subject;
            var word = critical ? "critical" : first == "load" ? "high" : "low";
            run.Alert(now, "vitals", critical ? "critical" : "warning", $"Host {first} {word}",
                string.Join('\n', findings.Select(f => f.Text)));
        }
        _store.SaveEvents(run.Events, run.Alerts);
        run.Events.Clear();
        run.Alerts.Clear();
    }
}
