using HecnetJobs.Logging;
using HecnetJobs.Platform;
using HecnetJobs.Pydecnet;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Jobs;

/// <summary>
/// Keeps PyDECnet running: finds it, checks that it answers, and restarts it when it is gone or hung — within a restart
/// budget that backs off but never gives up. Every change of state is recorded with an alert.
/// </summary>
public sealed partial class WatchdogJob : IHecnetJob
{
    public static readonly JobType Type = new(
        "watchdog",
        "keeps PyDECnet running: restarts it when it dies or hangs",
        new Dictionary<string, Func<string, string?>>(),
        services => new WatchdogJob(services));

    // One run at a time per watchdog, whoever starts it: the schedule, a CLI request, or PyDECnet's exit.
    private static readonly KeyedGate Gates = new();

    private readonly JobServices _services;
    private readonly PydecnetOptions _pydecnet;
    private readonly WatchdogOptions _options;
    private readonly WatchdogStore _store;
    private readonly PydecnetLocator _locator;
    private readonly PydecnetController _controller;
    private readonly IProcessControl _processControl;
    private readonly IProcessList _processes;
    private readonly ILogger _logger;

    public WatchdogJob(JobServices services)
    {
        _services = services;
        _pydecnet = services.Options.Pydecnet;
        _options = services.Options.Watchdog;
        _store = new WatchdogStore(services.Database);
        var platform = HostPlatform.Current;
        _processControl = platform.Control;
        _processes = platform.Processes;
        _locator = new PydecnetLocator(_pydecnet, platform.Processes);
        _controller = new PydecnetController(_pydecnet, _options, platform, services.Time);
        _logger = services.LoggerFactory.CreateLogger("HecnetJobs.Watchdog");
    }

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    public async ValueTask<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        if (_pydecnet.Command is null)
            throw new HecnetJobsException($"{_services.Options.ConfigFile}: 'pydecnet.command': missing; the watchdog needs the program that starts PyDECnet (e.g. \"/usr/local/bin/pydecnet\")", ExitCodes.Config);
        using var turn = await Gates.EnterAsync(context.JobName, cancellationToken);
        var run = new Run(context.JobName);
        var outcome = await RunLockedAsync(run, cancellationToken);
        CheckVitals(run);
        return outcome;
    }

    private async Task<JobOutcome> RunLockedAsync(Run run, CancellationToken cancellationToken)
    {
        var state = _store.Load(run.Job) ?? WatchdogState.Initial(Now);
        // A PyDECnet this process started and nobody watched stays a zombie until reaped.
        if (state.Pid is { } previous)
            _ = _processControl.TryReap(previous);
        var observation = await ObserveAsync(cancellationToken);
        var now = Now;
        var assessment = WatchdogPolicy.Assess(observation, state, now, _options);
        var next = state with
        {
            CheckedAt = now,
            Pid = observation.Pids.Count > 0 ? observation.Pids[0] : null,
            NotAnsweringSince = assessment.NotAnsweringSince,
            MainLoop = assessment.MainLoop,
            MainLoopAt = assessment.MainLoopAt,
        };
        var duplicates = NoteDuplicates(run, state, observation, now);

        switch (assessment.State)
        {
            case PydecnetStates.Running:
                var recovered = state.State is PydecnetStates.NotAnswering or PydecnetStates.Hung;
                // A duplicate stays the problem while it lasts, so that its alert is not raised again on every run.
                next = Transition(run, next, PydecnetStates.Running, assessment.Detail, now) with { Problem = duplicates };
                next = WatchdogPolicy.ForgiveIfStable(next, now, _options);
                if (recovered)
                    run.Alert(now, "answering", "info", "PyDECnet answering again", $"PyDECnet (PID {next.Pid}) answers again after {WatchdogPolicy.Whole(now - (state.NotAnsweringSince ?? now))} without a restart.");
                Save(run, next);
                _services.ExitWatcher?.Watch(run.Job, next.Pid!.Value);
                return JobOutcome.Success($"PyDECnet running, PID {next.Pid}, answering");

            case PydecnetStates.NotAnswering:
                if (state.State != PydecnetStates.NotAnswering)
                    run.Alert(now, "not-answering", "warning", "PyDECnet not answering", $"PyDECnet (PID {next.Pid}) does not answer: {assessment.Detail}.\nIt will be restarted if it stays silent for {Config.Duration.Format(_options.HangAfter)}.");
                next = Transition(run, next, PydecnetStates.NotAnswering, assessment.Detail, now) with { Problem = assessment.Detail };
                Save(run, next);
                _services.ExitWatcher?.Watch(run.Job, next.Pid!.Value);
                var silent = WatchdogPolicy.Whole(now - (next.NotAnsweringSince ?? now));
                return JobOutcome.Success($"PyDECnet PID {next.Pid} not answering for {silent} ({assessment.Detail}); hung after {Config.Duration.Format(_options.HangAfter)}");

            default:
                return await RecoverAsync(run, state, next, assessment, cancellationToken);
        }
    }

    private async Task<Observation> ObserveAsync(CancellationToken cancellationToken)
    {
        var located = _locator.Locate();
        if (located.Pids.Count == 0)
            return new Observation(located.Pids, located.Note, null, null);
        var api = await ApiProbe.ProbeAsync(_pydecnet.ApiSocket, _options.ProbeTimeout, cancellationToken);
        MainLoopSample? loop = null;
        if (api.Answered && _pydecnet.HttpPort is { } port)
            loop = await MainLoopProbe.SampleAsync(port, _options.ProbeTimeout, cancellationToken);
        return new Observation(located.Pids, located.Note, api, loop);
    }

    /// <summary>Records more than one PyDECnet once per set of PIDs; returns the problem text, or null when there is one.</summary>
    private static string? NoteDuplicates(Run run, WatchdogState state, Observation observation, DateTimeOffset now)
    {
        if (observation.Pids.Count < 2)
            return null;
        var pids = string.Join(", ", observation.Pids);
        // Not stopped automatically: which one is the right one is the owner's call. Raised again only when the set changes.
        var detail = $"{observation.Pids.Count} PyDECnet processes are running (PIDs {pids}); only one can own the API socket and the circuits";
        if (state.Problem != detail)
        {
            run.Event(now, WatchdogEvents.State, null, detail);
            run.Alert(now, "duplicate", "warning", $"{observation.Pids.Count} PyDECnet processes running", detail + ".\nStop the extra one(s) by hand; the watchdog does not choose for you.");
        }
        return detail;
    }

    /// <summary>Moves to a state word, recording the change (and logging it) when the word differs.</summary>
    private WatchdogState Transition(Run run, WatchdogState state, string to, string detail, DateTimeOffset now)
    {
        if (state.State == to)
            return state;
        run.Event(now, WatchdogEvents.State, state.Pid, $"{state.State} -> {to}: {detail}");
        Log.PydecnetStateChanged(_logger, run.Job, state.State, to, detail);
        return state.To(to, now);
    }

    private void Save(Run run, WatchdogState state)
    {
        _store.Save(run.Job, state, run.Events, run.Alerts);
        run.Events.Clear();
        run.Alerts.Clear();
    }

    /// <summary>The events and alerts of one run, saved with the state they belong to.</summary>
    private sealed class Run(string job)
    {
        public string Job { get; } = job;

        public List<HistoryEvent> Events { get; } = [];

        public List<AlertRecord> Alerts { get; } = [];

        public void Event(DateTimeOffset at, string kind, int? pid, string detail) => Events.Add(new(at, Job, kind, pid, detail));

        public void Alert(DateTimeOffset at, string kind, string severity, string subject, string body) =>
            Alerts.Add(new(at, Job, $"pydecnet.{kind}", severity, subject, body));
    }
}
