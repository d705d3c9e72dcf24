using System.Globalization;
using System.Text;
using HecnetJobs.Logging;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Jobs;

/// <summary>The restart path: budget, stop what is left, clean the socket, start, verify, record.</summary>
public sealed partial class WatchdogJob
{
    /// <summary>The restart reason for a PyDECnet that was last seen running before the machine booted.</summary>
    public const string HostRestarted = "host restarted";

    private async Task<JobOutcome> RecoverAsync(Run run, WatchdogState state, WatchdogState next, Assessment assessment, CancellationToken cancellationToken)
    {
        var now = Now;
        var hung = assessment.State == PydecnetStates.Hung;
        var reason = hung ? "hung" : state.State switch
        {
            PydecnetStates.Running or PydecnetStates.NotAnswering or PydecnetStates.Restarting => "crash",
            PydecnetStates.Unknown => "not running",
            _ => "still down",
        };
        var cause = hung ? assessment.Detail : CrashCause(state, assessment.Detail);
        // Last seen running before this machine booted: it went down with the host (at shutdown), it did not crash.
        if (reason == "crash" && state.CheckedAt is { } seen && _processes.BootTime() is { } boot && seen < boot)
        {
            reason = HostRestarted;
            cause = $"the host restarted at {Clock(boot)}; PyDECnet was last seen running at {Clock(seen)}";
        }
        next = Transition(run, next, hung ? PydecnetStates.Hung : PydecnetStates.Down, cause, now);
        return await RestartAsync(run, state, next, reason, cause, hung && next.Pid is { } hungPid ? [hungPid] : [], cancellationToken);
    }

    /// <summary>
    /// Restarts PyDECnet on request (new node names, say): the running one is stopped and a new one started and verified,
    /// through the same budget, records and alerts as a crash. Waits for a watchdog run in progress to end first.
    /// </summary>
    public async Task<JobOutcome> RestartOnRequestAsync(string job, string why, CancellationToken cancellationToken)
    {
        using var turn = await Gates.EnterAsync(job, cancellationToken);
        var run = new Run(job);
        var state = _store.Load(job) ?? WatchdogState.Initial(Now);
        var located = _locator.Locate();
        var next = state with { CheckedAt = Now, Pid = located.Pids.Count > 0 ? located.Pids[0] : null };
        return await RestartAsync(run, state, next, "requested", why, located.Pids, cancellationToken);
    }

    private async Task<JobOutcome> RestartAsync(Run run, WatchdogState state, WatchdogState next, string reason, string cause, IReadOnlyList<int> stop, CancellationToken cancellationToken)
    {
        var now = Now;
        var countFrom = now - _options.RestartWindow;
        if (state.BudgetResetAt is { } reset && reset > countFrom)
            countFrom = reset;
        var attempts = _store.AttemptsSince(run.Job, countFrom);
        var budget = WatchdogPolicy.Budget(next, attempts.Count, now, _options);
        if (!budget.Allowed && reason == "requested")
        {
            // PyDECnet runs: a deferred request changes nothing and alarms nobody; the asking job tries again later.
            return JobOutcome.Failure($"restart for {cause} deferred: restarting too often ({attempts.Count} attempts since {Clock(countFrom)}), next attempt at {Clock(budget.State.BackoffUntil!.Value)}");
        }
        if (budget.RaiseTooOften)
        {
            run.Event(now, WatchdogEvents.Backoff, null, $"{attempts.Count} restart attempts since {Clock(countFrom)}; next attempt not before {Clock(budget.State.BackoffUntil!.Value)}");
            run.Alert(now, "too-often", "critical", "PyDECnet restarting too often", TooOftenBody(attempts, budget.State.BackoffUntil!.Value));
        }
        next = budget.State;
        if (!budget.Allowed)
        {
            var waiting = $"{cause}; restarting too often ({attempts.Count} attempts since {Clock(countFrom)}), next attempt at {Clock(next.BackoffUntil!.Value)}";
            next = Transition(run, next, PydecnetStates.BackingOff, waiting, now) with { Problem = waiting };
            Save(run, next);
            return JobOutcome.Failure(waiting);
        }

        // Written before acting: if HecnetJobs dies in the middle, the next run sees "restarting" and finishes the job.
        next = Transition(run, next, PydecnetStates.Restarting, $"{reason}: {cause}", now) with { Problem = cause };
        Save(run, next);

        foreach (var running in stop)
        {
            var how = await _controller.StopAsync(running, cancellationToken);
            run.Event(Now, WatchdogEvents.Stop, running, how);
        }

        // Never two: someone (the owner, another supervisor) may have started one meanwhile.
        var again = _locator.Locate();
        if (again.Pids.Count > 0)
        {
            now = Now;
            next = Transition(run, next, PydecnetStates.Running, $"PID {again.Pids[0]} appeared during the restart; adopted, nothing started", now)
                with { Pid = again.Pids[0], Problem = null, NotAnsweringSince = null };
            Save(run, next);
            _services.ExitWatcher?.Watch(run.Job, again.Pids[0]);
            return JobOutcome.Success($"PyDECnet PID {again.Pids[0]} started meanwhile by someone else; adopted");
        }

        if (_controller.RemoveStaleSocket() is { } socketNote)
            run.Event(Now, WatchdogEvents.SocketRemoved, null, socketNote);

        // The old process's last words, before the new one starts writing to the same log.
        var tailBefore = OutputTail.LastLines(PydecnetLog, 10);
        var result = await _controller.StartAsync(cancellationToken);
        if (result.SpawnedAt is { } spawned)
            run.Event(spawned, WatchdogEvents.Spawn, result.Pid, $"{_pydecnet.Command} {string.Join(' ', _pydecnet.Arguments)}");
        now = Now;
        next = next with { OutputMarks = _controller.LastOutputMark?.ToText() ?? next.OutputMarks, LastRestartAt = now };
        if (result.Failure is { } failure)
            return StartFailed(run, state.Problem, next, failure, result, now);

        var pid = result.Pid!.Value;
        var ms = (long)result.Elapsed.TotalMilliseconds;
        var reasonText = reason is "crash" or "hung" or "requested" or HostRestarted ? $"{reason}: {cause}" : reason;
        run.Event(now, WatchdogEvents.Restart, pid, $"{reasonText}; PID {pid} answering after {ms} ms");
        next = Transition(run, next with { Pid = pid }, PydecnetStates.Running, $"restarted ({reason}), PID {pid}", now) with
        {
            Problem = null,
            NotAnsweringSince = null,
            MainLoop = null,
            MainLoopAt = null,
            LastRestartReason = reasonText,
        };
        // Once "restarting too often" was said, each further restart of the episode stays in the history only.
        if (reason == "not running")
            run.Alert(now, "started", "info", "PyDECnet started (was not running)", RestartBody(reasonText, state, pid, result.Elapsed, tailBefore));
        else if (reason == HostRestarted)
            run.Alert(now, "started", "info", "PyDECnet started (the host restarted)", RestartBody(reasonText, state, pid, result.Elapsed, tailBefore));
        else if (reason == "requested")
            run.Alert(now, "restarted", "info", $"PyDECnet restarted ({cause})", RestartBody(reasonText, state, pid, result.Elapsed, tailBefore));
        else if (_options.AlertEachRestart && !next.BudgetAlerted)
            run.Alert(now, "restarted", "warning", $"PyDECnet restarted ({reason})", RestartBody(reasonText, state, pid, result.Elapsed, tailBefore));
        Save(run, next);
        Log.PydecnetRestarted(_logger, run.Job, reason, pid, ms);
        _services.ExitWatcher?.Watch(run.Job, pid);
        var verb = reason switch
        {
            "not running" => "started PyDECnet (was not running)",
            HostRestarted => "started PyDECnet (the host restarted)",
            _ => $"restarted PyDECnet ({reason})",
        };
        return JobOutcome.Success($"{verb}: PID {pid} answering after {ms} ms");
    }

    private JobOutcome StartFailed(Run run, string? problemBefore, WatchdogState next, StartFailure failure, StartResult result, DateTimeOffset now)
    {
        var text = $"start failed ({failure.Kind}): {failure.Text}";
        run.Event(now, WatchdogEvents.StartFailed, result.Pid, text + (failure.Evidence.Count > 0 ? "\n" + string.Join('\n', failure.Evidence) : ""));
        // The same failure again is already known to the owner; a different one is news. Compared with the problem the
        // run began with: by now the state's problem is the reason for this restart.
        if (problemBefore != text)
            run.Alert(now, "start-failed", "critical", $"PyDECnet down: start failed ({failure.Kind})", FailureBody(failure));
        next = Transition(run, next, PydecnetStates.Down, text, now) with { Pid = null, Problem = text };
        Save(run, next);
        Log.PydecnetStartFailed(_logger, run.Job, text);
        return JobOutcome.Failure($"PyDECnet could not be started: {failure.Text}");
    }

    /// <summary>Why a PyDECnet that was running is gone, from what it wrote since it was started (when HecnetJobs started it).</summary>
    private static string CrashCause(WatchdogState state, string notRunning)
    {
        if (state.State is PydecnetStates.Unknown or PydecnetStates.Down or PydecnetStates.BackingOff)
            return notRunning;
        var lines = OutputTail.FromText(state.OutputMarks).ReadSince();
        if (StartFailure.Classify(lines) is { } seen)
            return $"exited: {seen.Text}";
        var last = lines.LastOrDefault(l => l.Contains("Error", StringComparison.Ordinal) || l.Contains("Exiting", StringComparison.Ordinal));
        return last is null ? $"PID {state.Pid} exited" : $"PID {state.Pid} exited ({last.Trim()})";
    }

    private string RestartBody(string reason, WatchdogState before, int pid, TimeSpan elapsed, IReadOnlyList<string> tailBefore)
    {
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"PyDECnet was restarted: {reason}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Before: {before.State}{(before.Pid is { } old ? $", PID {old}" : "")}, since {Clock(before.Since)}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Now: PID {pid}, answering after {elapsed.TotalMilliseconds:0} ms.");
        return AppendLogTail(body, tailBefore, "Before the restart, the last lines of").ToString();
    }

    private string FailureBody(StartFailure failure)
    {
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"PyDECnet could not be started: {failure.Text}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Command: {_pydecnet.Command} {string.Join(' ', _pydecnet.Arguments)}");
        if (failure.Evidence.Count > 0)
            body.AppendLine().AppendLine("What PyDECnet said:").AppendJoin('\n', failure.Evidence.Select(l => "  " + l)).AppendLine();
        body.AppendLine(CultureInfo.InvariantCulture, $"The watchdog tries again on its next run (restart budget {_options.RestartBurst} in {Config.Duration.Format(_options.RestartWindow)}, then back-off up to {Config.Duration.Format(_options.BackoffMax)}).");
        return body.ToString();
    }

    private string TooOftenBody(IReadOnlyList<Store.HistoryEvent> attempts, DateTimeOffset until)
    {
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"PyDECnet needed {attempts.Count} restart attempts within {Config.Duration.Format(_options.RestartWindow)}.")
            .AppendLine(CultureInfo.InvariantCulture, $"The watchdog now waits until {Clock(until)} before the next attempt, doubling the wait each time up to {Config.Duration.Format(_options.BackoffMax)}; it never gives up.")
            .AppendLine("Clear the wait with: hecnetjobs trigger watchdog --reset")
            .AppendLine()
            .AppendLine("Recent attempts:");
        foreach (var attempt in attempts.Take(10))
            body.AppendLine(CultureInfo.InvariantCulture, $"  {Clock(attempt.At)} {attempt.Kind}: {attempt.Detail.Split('\n')[0]}");
        return AppendLogTail(body).ToString();
    }

    private string PydecnetLog => _pydecnet.LogFile ?? _pydecnet.ConsoleLog;

    /// <summary>Appends the log's last lines: <paramref name="tail"/> when taken earlier (before a restart, so they show the old process's end), else the file's now.</summary>
    private StringBuilder AppendLogTail(StringBuilder body, IReadOnlyList<string>? tail = null, string heading = "Last lines of")
    {
        tail ??= OutputTail.LastLines(PydecnetLog, 10);
        if (tail.Count > 0)
            body.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{heading} {PydecnetLog}:").AppendJoin('\n', tail.Select(l => "  " + l)).AppendLine();
        return body;
    }

    /// <summary>A time as the owner reads it on the machine: local, to the second.</summary>
    private string Clock(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, _services.Time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
