using System.Globalization;
using System.Text;
using HecnetJobs.Logging;
using HecnetJobs.Names;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Jobs;

/// <summary>The restart after new names: now, at the quiet hour, or never; through the watchdog; and the way back when PyDECnet refuses the new file.</summary>
public sealed partial class NameRefreshJob
{
    private const string NewNames = "new node names";

    /// <summary>Records the run and restarts PyDECnet when new names call for it or a pending restart is due; returns the text to append to the summary.</summary>
    private async Task<string> FinishAsync(Run run, NamesTarget target, NamesDiff? names, CancellationToken cancellationToken)
    {
        var now = Now;
        if (_options.Restart == NamesRestartMode.Off)
        {
            run.State = run.State with { PendingRestart = null, PendingReason = null };
            Save(run);
            return names is null ? "" : "; PyDECnet not restarted (nameRefresh.restart is \"off\"): it reads the new names at its next start";
        }
        if (names is not null)
        {
            var due = _options.Restart == NamesRestartMode.QuietHour ? NextQuietHour(now) : now;
            // An earlier pending restart keeps its time: the names it was for are not yet loaded either.
            run.State = run.State with { PendingRestart = run.State.PendingRestart is { } earlier && earlier < due ? earlier : due, PendingReason = NewNames };
        }
        if (run.State.PendingRestart is not { } pending)
        {
            Save(run);
            return "";
        }
        if (pending > now)
        {
            if (names is not null)
                run.Event(NameRefreshEvents.RestartPending, $"restart for {NewNames} waits for the quiet hour, {Clock(pending)}");
            Save(run);
            return $"; PyDECnet restart waits for the quiet hour ({Clock(pending)})";
        }
        // Saved before acting: if HecnetJobs dies during the restart, the next run still owes it.
        Save(run);
        return await RestartAsync(run, target, cancellationToken);
    }

    /// <summary>A run of the frequent trigger: no download, only a pending restart whose time has come.</summary>
    private async Task<JobOutcome> PendingOnlyAsync(Run run, NamesTarget target, CancellationToken cancellationToken)
    {
        if (run.State.PendingRestart is not { } pending)
            return JobOutcome.Success("no PyDECnet restart pending for new names");
        if (pending > Now)
            return JobOutcome.Success($"PyDECnet restart for new names waits for {Clock(pending)}");
        var done = await FinishAsync(run, target, names: null, cancellationToken);
        return JobOutcome.Success($"pending restart for new names{done}");
    }

    private async Task<string> RestartAsync(Run run, NamesTarget target, CancellationToken cancellationToken)
    {
        if (_services.Options.Pydecnet.Command is null)
        {
            run.Failed = true;
            run.State = run.State with { PendingRestart = null, PendingReason = null };
            Save(run);
            return $"; PyDECnet not restarted: 'pydecnet.command' is not set in {_services.Options.ConfigFile}; set it, or set nameRefresh.restart to \"off\" and restart PyDECnet yourself";
        }
        var since = Now;
        var why = run.State.PendingReason ?? NewNames;
        var outcome = await new WatchdogJob(_services).RestartOnRequestAsync(_options.WatchdogJob, why, cancellationToken);
        if (outcome.Succeeded)
        {
            run.Event(NameRefreshEvents.Restart, outcome.Summary);
            run.State = run.State with { PendingRestart = null, PendingReason = null };
            Save(run);
            return "; " + outcome.Summary;
        }

        var failed = StartFailureSince(since);
        if (failed is null)
        {
            // Deferred by the watchdog's restart budget: PyDECnet runs on with the old names until the next run.
            run.Event(NameRefreshEvents.RestartPending, outcome.Summary);
            Save(run);
            return $"; {outcome.Summary}; the next run tries again";
        }
        if (failed.Value.Kind != "config-error" || !File.Exists(target.File + ".bak"))
        {
            // Not the names' fault (a stale socket, a port in use): the watchdog owns that problem and PyDECnet reads
            // the new names whenever it starts.
            run.Failed = true;
            run.State = run.State with { PendingRestart = null, PendingReason = null };
            Save(run);
            return $"; {outcome.Summary}";
        }
        return await RestoreAsync(run, target, failed.Value.Evidence, cancellationToken);
    }

    /// <summary>PyDECnet refused the new file: put the <c>.bak</c> back, keep the refused file beside it, restart again, alert.</summary>
    private async Task<string> RestoreAsync(Run run, NamesTarget target, IReadOnlyList<string> evidence, CancellationToken cancellationToken)
    {
        var refusedSha = Sha256Of(target.File);
        var refusedCopy = target.File + ".refused";
        NamesFileRestorer.Restore(target.File, target.File + ".bak", refusedCopy);
        var said = Said(evidence);
        run.Event(NameRefreshEvents.Restored, $"PyDECnet refused {target.File}; put back {target.File}.bak; the refused file is kept as {refusedCopy}\n{string.Join('\n', evidence)}");
        Log.NamesRestored(_logger, run.Job, target.File, said);

        var again = await new WatchdogJob(_services).RestartOnRequestAsync(_options.WatchdogJob, "previous node names restored", cancellationToken);
        run.Event(NameRefreshEvents.Restart, again.Summary);
        var restored = NamesFileReader.Read(target.File, target.Include);
        run.Failed = true;
        run.State = run.State with
        {
            Validators = null,
            FileSha256 = Sha256Of(target.File),
            Entries = restored.Entries.Count,
            Added = 0,
            Removed = 0,
            Renamed = 0,
            Refused = $"PyDECnet refused the new names file: {said}",
            RefusedAt = Now,
            RefusedSha256 = refusedSha,
            PendingRestart = null,
            PendingReason = null,
        };
        var body = RestoredBody(target, refusedCopy, evidence, again);
        if (again.Succeeded)
            run.Alert("restored", "warning", "PyDECnet refused the new node names; previous names restored", body);
        else
            run.Alert("restored", "critical", "PyDECnet down: it refused the new node names, and the previous ones too", body);
        Save(run);
        return $"; PyDECnet refused the new file ({said}), so the previous one was put back; {again.Summary}";
    }

    private static string RestoredBody(NamesTarget target, string refusedCopy, IReadOnlyList<string> evidence, JobOutcome again) => new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"PyDECnet would not start with the new names file {target.File}.")
        .AppendLine(CultureInfo.InvariantCulture, $"The previous file ({target.File}.bak) was put back and PyDECnet restarted: {again.Summary}.")
        .AppendLine(CultureInfo.InvariantCulture, $"The refused file is kept as {refusedCopy}; the same list will not be tried again.")
        .AppendLine()
        .AppendLine("What PyDECnet said:")
        .AppendJoin('\n', evidence.Select(l => "  " + l)).AppendLine()
        .ToString();

    /// <summary>PyDECnet's complaint in one line: the reason after "Config file parse error in ...:" and the line it refused.</summary>
    private static string Said(IReadOnlyList<string> evidence)
    {
        var at = evidence.ToList().FindIndex(l => l.Contains("Config file parse error in", StringComparison.Ordinal));
        if (at >= 0 && at + 1 < evidence.Count)
            return at + 2 < evidence.Count ? $"{evidence[at + 1].Trim()}: '{evidence[at + 2].Trim()}'" : evidence[at + 1].Trim();
        return evidence.Count > 0 ? evidence[^1].Trim() : "a config error";
    }

    /// <summary>The watchdog's start failure recorded since <paramref name="since"/>: its kind (<c>config-error</c>, ...) and PyDECnet's lines.</summary>
    private (string Kind, IReadOnlyList<string> Evidence)? StartFailureSince(DateTimeOffset since)
    {
        var failures = new Store.EventStore(_services.Database).Since(_options.WatchdogJob, since, WatchdogEvents.StartFailed);
        if (failures.Count == 0)
            return null;
        var failure = failures[0];
        // The detail is "start failed (<kind>): <text>" and then PyDECnet's lines.
        var lines = failure.Detail.Split('\n');
        var open = lines[0].IndexOf('(', StringComparison.Ordinal);
        var close = lines[0].IndexOf(')', StringComparison.Ordinal);
        var kind = open >= 0 && close > open ? lines[0][(open + 1)..close] : "unknown";
        return (kind, lines[1..]);
    }

    /// <summary>The next local time of day <see cref="NameRefreshOptions.QuietHour"/> after <paramref name="now"/>.</summary>
    internal DateTimeOffset NextQuietHour(DateTimeOffset now) => QuietHours.Next(now, _options.QuietHour ?? TimeOnly.MinValue, _services.Time.LocalTimeZone);
}
