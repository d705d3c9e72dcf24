using HecnetJobs.Logging;
using HecnetJobs.Pydecnet;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Jobs;

/// <summary>
/// Probes DECnet links: runs <c>ncp show node TARGET</c> per target, debounces the verdicts both ways, records every
/// check, and raises one alert per confirmed change (down, and up again) with the evidence and a diagnosis.
/// </summary>
public sealed partial class LinkProbeJob : IHecnetJob
{
    /// <summary>job-data-map key: the targets, comma-separated (<c>MIM,1.2</c>); default <c>linkProbe.targets</c>.</summary>
    public const string TargetsKey = "targets";

    public static readonly JobType Type = new(
        "link-probe",
        "probes DECnet links with 'ncp show node': one alert when a link is confirmed down, one when it is up again",
        new Dictionary<string, Func<string, string?>> { [TargetsKey] = LinkTargets.CheckList },
        services => new LinkProbeJob(services));

    // One check at a time per target, whoever starts it: two jobs (or a schedule and a CLI request) share its state row.
    private static readonly KeyedGate Gates = new();

    private readonly JobServices _services;
    private readonly LinkProbeOptions _options;
    private readonly LinkStore _store;
    private readonly LinkDiagnoser _diagnoser;
    private readonly ILogger _logger;

    public LinkProbeJob(JobServices services)
    {
        _services = services;
        _options = services.Options.LinkProbe;
        _store = new LinkStore(services.Database);
        _diagnoser = new LinkDiagnoser(services.Options.Pydecnet, _options, services.Time);
        _logger = services.LoggerFactory.CreateLogger("HecnetJobs.LinkProbe");
    }

    public async ValueTask<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var targets = _options.Targets;
        if (context.Data.TryGetValue(TargetsKey, out var text))
        {
            targets = LinkTargets.ParseList(text, out var problem);
            if (problem is not null)
                throw new HecnetJobsException($"job {context.JobName}: job-data-map '{TargetsKey}': {problem}", ExitCodes.Config);
        }
        var program = PydecnetController.ResolveCommand(_options.NcpCommand, out var missing, LinkProbeOptions.NcpCommandKey)
            ?? throw new HecnetJobsException($"{_services.Options.ConfigFile}: {missing}", ExitCodes.Config);
        var runner = new NcpRunner(program, _services.Options.Pydecnet.ApiSocket, _options.Timeout, _services.Time);

        var summaries = new List<string>();
        var failed = false;
        NcpRun? pydecnetDown = null;
        foreach (var target in targets)
        {
            var run = pydecnetDown is not null ? NotAsked(target, pydecnetDown)
                : LinkTargets.Circuit(target) is { } circuit ? await ProbeCircuitAsync(target, circuit, cancellationToken)
                : await runner.ShowNodeAsync(target, cancellationToken);
            // These say nothing about the target, only about PyDECnet: asking again for the next target would only wait again.
            if (run.Reply.Kind is NcpReplyKinds.Timeout or NcpReplyKinds.NotRunning or NcpReplyKinds.StaleSocket)
                pydecnetDown ??= run;
            var summary = await RecordAsync(context.JobName, run, cancellationToken);
            // A target ncp does not know, or an ncp that cannot start, is the owner's to fix: the run fails and says why.
            var broken = run.Reply.Kind is NcpReplyKinds.UnknownComponent or NcpReplyKinds.Launch;
            failed |= broken;
            summaries.Add(broken ? run.Reply.Reason : summary);
        }
        return new JobOutcome(!failed, string.Join("; ", summaries));
    }

    /// <summary>What <c>check</c> and <c>run</c> report when jobs.xml has a link-probe job: an ncp that cannot be found.</summary>
    public static IEnumerable<string> Problems(Config.HecnetJobsOptions options, Scheduling.JobSchedule schedule)
    {
        var probes = schedule.Jobs.Where(j => j.Type == Type.Name).Select(j => j.Name).ToList();
        if (probes.Count > 0 && PydecnetController.ResolveCommand(options.LinkProbe.NcpCommand, out var problem, LinkProbeOptions.NcpCommandKey) is null)
            yield return $"{options.ConfigFile}: {problem}; jobs.xml has link-probe job{(probes.Count == 1 ? "" : "s")} {string.Join(", ", probes)}, which run{(probes.Count == 1 ? "s" : "")} it";
    }

    /// <summary>Every target the link-probe jobs of <paramref name="schedule"/> check: their (or their triggers') <c>targets</c>, else the config's.</summary>
    public static IReadOnlySet<string> ScheduledTargets(LinkProbeOptions options, Scheduling.JobSchedule schedule)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in schedule.Jobs.Where(j => j.Type == Type.Name))
        {
            var lists = job.Triggers.Select(t => t.Data).Append(job.Data)
                .Select(d => d.TryGetValue(TargetsKey, out var text) ? LinkTargets.ParseList(text, out _) : options.Targets);
            foreach (var list in lists)
                targets.UnionWith(list);
        }
        return targets;
    }

    /// <summary>Applies one check to its target's state under the target's gate, and saves check, state, events and alerts together.</summary>
    private async Task<string> RecordAsync(string job, NcpRun run, CancellationToken cancellationToken)
    {
        using var turn = await Gates.EnterAsync(run.Target, cancellationToken);
        var state = _store.Load(run.Target) ?? LinkState.Initial(run.Target);
        var now = _services.Time.GetUtcNow();
        var step = LinkPolicy.Apply(state, run.Reply.Verdict, run.Reply.Reason, now, _options);
        var events = new List<HistoryEvent>();
        var alerts = new List<AlertRecord>();
        foreach (var signal in step.Signals)
        {
            var diagnosis = signal.Kind == LinkSignalKind.Down ? await _diagnoser.DiagnoseAsync(run.Target, cancellationToken) : null;
            if (Alert(job, signal, step.Next, run, diagnosis, now) is { } alert)
                alerts.Add(alert);
            if (signal.Kind is LinkSignalKind.Down or LinkSignalKind.Up or LinkSignalKind.FirstUp)
            {
                var detail = $"{run.Target} {signal.Before.State} -> {step.Next.State}: {run.Reply.Reason}{(diagnosis is null ? "" : $"; diagnosis: {diagnosis.Verdict}")}";
                events.Add(new HistoryEvent(now, job, LinkEvents.State, null, detail));
                Log.LinkStateChanged(_logger, job, run.Target, signal.Before.State, step.Next.State, run.Reply.Reason);
            }
            else if (signal.Kind == LinkSignalKind.UnknownTooLong)
            {
                Log.LinkUncheckable(_logger, job, run.Target, run.Reply.Reason);
            }
        }
        var check = new LinkCheck(now, job, run.Target, LinkStates.Of(run.Reply.Verdict), run.Reply.Kind, run.Reply.Reason,
            run.ExitCode, run.Pid is null ? null : (long)run.Elapsed.TotalMilliseconds);
        _store.Save(step.Next, check, events, alerts);
        return Summary(step.Next, run);
    }

    private string Summary(LinkState state, NcpRun run)
    {
        var verdict = LinkStates.Of(run.Reply.Verdict);
        if (verdict == LinkStates.Unknown)
            return $"{run.Target} {state.State}, check unknown: {run.Reply.Reason}";
        if (verdict == state.State)
            return $"{run.Target} {state.State}";
        var (count, needed) = verdict == LinkStates.Down ? (state.DownCount, _options.DownAfter) : (state.UpCount, _options.UpAfter);
        return $"{run.Target} {state.State}, {count} of {needed} {verdict} checks";
    }

    /// <summary>
    /// A circuit target: its state through PyDECnet's JSON API, without spawning ncp. A running (<c>ru*</c>) circuit is up,
    /// any other state down; no answer says nothing about the circuit (unknown).
    /// </summary>
    private async Task<NcpRun> ProbeCircuitAsync(string target, string circuit, CancellationToken cancellationToken)
    {
        var started = _services.Time.GetTimestamp();
        var reading = await CircuitProbe.ReadAsync(_services.Options.Pydecnet.ApiSocket, circuit, _options.Timeout, cancellationToken);
        var verdict = reading.State is null ? LinkVerdict.Unknown : reading.Running ? LinkVerdict.Up : LinkVerdict.Down;
        var reply = new NcpReply(verdict, NcpReplyKinds.Circuit, reading.Detail, null);
        return new NcpRun(target, reading.State ?? "", "", null, false, _services.Time.GetElapsedTime(started), null, reply);
    }

    /// <summary>A check not made because ncp already showed this run that PyDECnet is down or hung.</summary>
    private static NcpRun NotAsked(string target, NcpRun first) =>
        first with
        {
            Target = target,
            ExitCode = null,
            Pid = null,
            Elapsed = TimeSpan.Zero,
            Reply = first.Reply with { Reason = $"not asked, the check of {first.Target} found PyDECnet down or hung: {first.Reply.Reason}" },
        };
}
