using HecnetJobs.Jobs;
using HecnetJobs.Pydecnet;
using HecnetJobs.Store;

namespace HecnetJobs.Status;

/// <summary>The PyDECnet, host and pause sections, and the problems they raise (critical ones into the given list, warnings into the document's).</summary>
public sealed partial class StatusPublisher
{
    private void AddPydecnet(StatusDocument document, List<string> critical)
    {
        if (Schedule?.Jobs.FirstOrDefault(j => j.Type == WatchdogJob.Type.Name) is not { } watchdog)
            return;
        var store = new WatchdogStore(_runs.Database);
        if (store.Load(watchdog.Name) is not { } state)
            return;
        var now = _time.GetUtcNow();
        var section = new PydecnetStatus
        {
            State = state.State,
            Pid = state.Pid,
            Since = state.Since,
            CheckedAt = state.CheckedAt,
            Problem = state.Problem,
            Restarts24h = store.AttemptsSince(watchdog.Name, now - TimeSpan.FromHours(24)).Count,
            LastRestartAt = state.LastRestartAt,
            LastRestartReason = state.LastRestartReason,
            BackoffUntil = state.State == PydecnetStates.BackingOff ? state.BackoffUntil : null,
        };
        if (state.Pid is { } pid && state.State is PydecnetStates.Running or PydecnetStates.NotAnswering && ProcessStatsReader.TryRead(pid) is { } stats)
        {
            section.RssBytes = stats.RssBytes;
            section.CpuSeconds = Math.Round(stats.CpuTime.TotalSeconds, 2);
            section.Threads = stats.Threads;
        }
        document.Pydecnet = section;

        switch (state.State)
        {
            case PydecnetStates.Hung or PydecnetStates.Down or PydecnetStates.BackingOff:
                critical.Add($"PyDECnet {state.State} since {Clock(state.Since)}: {state.Problem}");
                break;
            case PydecnetStates.NotAnswering or PydecnetStates.Restarting:
                document.Problems.Add($"PyDECnet {state.State} since {Clock(state.Since)}: {state.Problem}");
                break;
            case PydecnetStates.Running when state.LastRestartAt is { } restarted && now - restarted < _options.Watchdog.RestartWindow && state.LastRestartReason != "not running"
                && state.LastRestartReason?.StartsWith(WatchdogJob.HostRestarted, StringComparison.Ordinal) != true:
                document.Problems.Add($"PyDECnet restarted at {Clock(restarted)} ({state.LastRestartReason})");
                break;
        }
    }

    private void AddHost(StatusDocument document, List<string> critical)
    {
        var vitals = HostVitalsReader.Read(_options.WatchedFolders);
        document.Host = new HostStatus
        {
            Disks = vitals.Disks.Select(d => new DiskStatus { Path = d.Path, FreeBytes = d.FreeBytes, TotalBytes = d.TotalBytes }).ToList(),
            MemAvailableBytes = vitals.MemAvailableBytes,
            Load5 = vitals.Load5,
        };
        foreach (var finding in VitalsJudge.Judge(vitals, Environment.ProcessorCount, _options.Vitals))
            (finding.Level == VitalsFinding.Critical ? critical : document.Problems).Add(finding.Text);
    }

    private void AddPauses(StatusDocument document)
    {
        foreach (var pause in new PauseStore(_runs.Database).Active(_time.GetUtcNow()))
        {
            document.Pauses.Add(new PauseStatus { Job = pause.Job, Until = pause.Until, Reason = pause.Reason, By = pause.PausedBy, Since = pause.PausedAt });
            document.Problems.Add($"{pause.Job} paused until {Clock(pause.Until)} by {pause.PausedBy}{(pause.Reason is { } r ? $": {r}" : "")}");
        }
    }

    private string Clock(DateTimeOffset time) => $"{TimeZoneInfo.ConvertTime(time, _time.LocalTimeZone):yyyy-MM-dd HH:mm}";
}
