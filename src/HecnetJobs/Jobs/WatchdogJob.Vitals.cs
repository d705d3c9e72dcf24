using HecnetJobs.Status;
using HecnetJobs.Store;

namespace HecnetJobs.Jobs;

/// <summary>Host vitals beside PyDECnet's own: a full SD card is how a Pi router dies quietly.</summary>
public sealed partial class WatchdogJob
{
    private const string VitalsOk = "ok";

    /// <summary>Judges free space, memory and load; raises one alert when the findings change, and one when they clear.</summary>
    private void CheckVitals(Run run)
    {
        var now = Now;
        var vitals = HostVitalsReader.Read(_services.Options.WatchedFolders);
        var findings = VitalsJudge.Judge(vitals, Environment.ProcessorCount, _services.Options.Vitals);
        var text = findings.Count == 0 ? VitalsOk : string.Join('\n', findings.Select(f => $"{f.Level}: {f.Text}"));
        var previous = new EventStore(_services.Database).Latest(run.Job, WatchdogEvents.Vitals)?.Detail ?? VitalsOk;
        if (text == previous)
            return;
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
