using System.Security.Cryptography;
using System.Text;
using HecnetJobs.Logging;
using HecnetJobs.Names;
using HecnetJobs.Pydecnet;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Jobs;

/// <summary>
/// Keeps PyDECnet's node names current: downloads the HECnet node list, checks it against PyDECnet's rules and the
/// current file, writes it atomically (the old file kept as <c>.bak</c>), records what changed, and restarts PyDECnet
/// through the watchdog so it reads the new names — putting the old file back if PyDECnet refuses the new one.
/// </summary>
public sealed partial class NameRefreshJob : IHecnetJob
{
    /// <summary>job-data-map key: <c>true</c> makes a run skip the download and only do a restart that has come due (the quiet hour's trigger).</summary>
    public const string PendingOnlyKey = "pendingOnly";

    public static readonly JobType Type = new(
        "name-refresh",
        "downloads the HECnet node list and rewrites PyDECnet's names file when it changed",
        new Dictionary<string, Func<string, string?>>
        {
            [PendingOnlyKey] = value => value is "true" or "false" ? null : $"'{value}' is not true or false",
        },
        services => new NameRefreshJob(services));

    private readonly JobServices _services;
    private readonly NameRefreshOptions _options;
    private readonly NamesStore _store;
    private readonly ILogger _logger;

    public NameRefreshJob(JobServices services)
    {
        _services = services;
        _options = services.Options.NameRefresh;
        _store = new NamesStore(services.Database);
        _logger = services.LoggerFactory.CreateLogger("HecnetJobs.Names");
    }

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    public async ValueTask<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var target = NamesTargetFinder.Find(_services.Options);
        var run = new Run(context.JobName, _store.Load(context.JobName) ?? new NamesState(), _services.Time);
        if (context.Data.TryGetValue(PendingOnlyKey, out var pendingOnly) && pendingOnly == "true")
            return await PendingOnlyAsync(run, target, cancellationToken);
        var current = NamesFileReader.Read(target.File, target.Include);
        var kept = $"kept {target.File} ({Entries(current.Entries.Count)})";
        var source = _options.Url.ToString();
        var validators = run.State.Source == source && current.Exists && run.State.FileSha256 == Sha256Of(target.File) ? run.State.Validators : null;

        NodeListDownload download;
        try
        {
            download = await new NodeListDownloader(_options, _services.Time).DownloadAsync(validators, cancellationToken);
        }
        catch (NodeListDownloadException e) when (e.ContentRefused)
        {
            return await RefuseAsync(run, target, [e.Message], kept, cancellationToken);
        }
        catch (NodeListDownloadException e)
        {
            run.Event(NameRefreshEvents.DownloadFailed, string.Join('\n', [e.Message, .. run.Notes]));
            var outcome = await FinishAsync(run, target, names: null, cancellationToken);
            return JobOutcome.Failure($"node list not downloaded: {e.Message}; {kept}{outcome}");
        }

        run.Notes.AddRange(download.Notes);
        if (download.NotModified)
        {
            run.State = run.State with { LastRefreshAt = Now, Entries = current.Entries.Count, Added = 0, Removed = 0, Renamed = 0, Refused = null, RefusedAt = null };
            run.Event(NameRefreshEvents.Unchanged, $"no change: {source} answered 304 Not Modified");
            var tail = await FinishAsync(run, target, names: null, cancellationToken);
            return JobOutcome.Success($"no change (HTTP 304 Not Modified): {target.File} holds {Entries(current.Entries.Count)}{Retried(download)}{tail}");
        }

        var parsed = NodeListParser.Parse(download.Text);
        var validation = NodeListValidator.Validate(parsed, current.Entries, new NodeListValidationOptions
        {
            OwnNode = target.OwnNode,
            Pinned = _options.Pinned,
            MaxShrinkFraction = _options.MaxShrinkPercent / 100.0,
        });
        if (!validation.Accepted)
            return await RefuseAsync(run, target, validation.Reasons, kept, cancellationToken);
        var text = NamesFileWriter.Format(validation.Entries, target.Include);
        var sha = Sha256Of(Encoding.UTF8.GetBytes(text));
        if (sha == run.State.RefusedSha256)
            return await RefuseAsync(run, target, [$"PyDECnet refused this same list at {Clock(run.State.RefusedAt ?? Now)}; waiting for a different one"], kept, cancellationToken);

        var diff = NamesDiff.Compare(current.Entries, validation.Entries);
        var wrote = "";
        if (!diff.IsEmpty || !current.Exists || current.SkippedLines.Count > 0 || Sha256Of(target.File) != sha)
        {
            RemoveLeftovers(target.File);
            var written = NamesFileWriter.Write(target.File, validation.Entries, target.Include);
            wrote = $"; wrote {written.Path} ({Entries(written.EntryCount)})";
            foreach (var note in written.Notes)
                run.Notes.Add(note);
        }
        run.State = run.State with
        {
            Source = source,
            NamesFile = target.File,
            Validators = download.Validators,
            FileSha256 = sha,
            LastRefreshAt = Now,
            Entries = validation.Entries.Count,
            Added = diff.Added.Count,
            Removed = diff.Removed.Count,
            Renamed = diff.Renamed.Count,
            Refused = null,
            RefusedAt = null,
        };
        if (diff.IsEmpty)
        {
            run.Event(NameRefreshEvents.Unchanged, $"no change: {target.File} already holds the {Entries(validation.Entries.Count)} of {source}");
            var tail = await FinishAsync(run, target, names: null, cancellationToken);
            return JobOutcome.Success($"no change: {target.File} already holds this list ({Entries(validation.Entries.Count)}){wrote}{Retried(download)}{tail}");
        }

        run.Event(NameRefreshEvents.Changed, DiffDetail(diff, validation, run.Notes));
        Log.NamesChanged(_logger, run.Job, target.File, diff.Summary);
        var restart = await FinishAsync(run, target, names: diff, cancellationToken);
        var summary = $"{diff.Summary}{wrote}{Retried(download)}{restart}";
        return run.Failed ? JobOutcome.Failure(summary) : JobOutcome.Success(summary);
    }

    /// <summary>Keeps the current file, records the refusal, and alerts once per reason; a restart still owed for earlier names is done.</summary>
    private async Task<JobOutcome> RefuseAsync(Run run, NamesTarget target, IReadOnlyList<string> reasons, string kept, CancellationToken cancellationToken)
    {
        var first = reasons[0];
        var detail = string.Join('\n', reasons);
        run.Event(NameRefreshEvents.Refused, detail);
        if (run.State.Refused != first)
        {
            run.Alert("refused", "warning", "HECnet node list refused", RefusedBody(target, reasons));
            Log.NamesRefused(_logger, run.Job, first);
        }
        run.State = run.State with { Refused = first, RefusedAt = Now };
        var tail = await FinishAsync(run, target, names: null, cancellationToken);
        var more = reasons.Count > 1 ? $" (and {reasons.Count - 1} more)" : "";
        return JobOutcome.Failure($"refused the node list from {_options.Url}: {first}{more}; {kept}{tail}");
    }

    private string RefusedBody(NamesTarget target, IReadOnlyList<string> reasons) => new StringBuilder()
        .AppendLine($"The node list from {_options.Url} was refused, so {target.File} was left as it is.")
        .AppendLine()
        .AppendLine("Why:")
        .AppendJoin('\n', reasons.Select(r => "  " + r)).AppendLine()
        .AppendLine()
        .AppendLine("PyDECnet keeps running with the names it has. The next refresh tries again; if the list is right and the")
        .AppendLine("check is wrong, see nameRefresh.maxShrinkPercent and nameRefresh.pinned in docs/name-refresh.md.")
        .ToString();

    private static string DiffDetail(NamesDiff diff, NodeListValidation validation, IEnumerable<string> notes)
    {
        const int Shown = 50;
        var lines = new List<string> { diff.Summary };
        Add("added", diff.Added.Select(e => e.ToString()).ToList());
        Add("removed", diff.Removed.Select(e => e.ToString()).ToList());
        Add("renamed", diff.Renamed.Select(r => r.ToString()).ToList());
        lines.AddRange(validation.Warnings.Select(w => "warning: " + w));
        lines.AddRange(notes);
        return string.Join('\n', lines);

        void Add(string what, List<string> items)
        {
            if (items.Count > 0)
                lines.Add($"{what}: {string.Join(", ", items.Take(Shown))}{(items.Count > Shown ? $", ... and {items.Count - Shown} more" : "")}");
        }
    }

    /// <summary>Deletes temporary files a killed write left beside the names file (the writer names them <c>.&lt;file&gt;.&lt;guid&gt;.tmp</c>).</summary>
    private static void RemoveLeftovers(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (!Directory.Exists(folder))
            return;
        foreach (var leftover in Directory.EnumerateFiles(folder, $".{Path.GetFileName(file)}.*.tmp"))
        {
            var guid = Path.GetFileName(leftover)[(Path.GetFileName(file).Length + 2)..^4];
            if (guid.Length == 32 && guid.All(char.IsAsciiHexDigitLower))
                File.Delete(leftover);
        }
    }

    private static string? Sha256Of(string file) => File.Exists(file) ? Sha256Of(File.ReadAllBytes(file)) : null;

    private static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Entries(int count) => count == 1 ? "1 entry" : $"{count} entries";

    private static string Retried(NodeListDownload download) =>
        download.Attempts > 1 ? $" (after {download.Attempts} attempts)" : "";

    private string Clock(DateTimeOffset time) =>
        $"{TimeZoneInfo.ConvertTime(time, _services.Time.LocalTimeZone):yyyy-MM-dd HH:mm}";

    private void Save(Run run)
    {
        _store.Save(run.Job, run.State, run.Events, run.Alerts);
        run.Events.Clear();
        run.Alerts.Clear();
    }

    /// <summary>The state, events and alerts of one run, saved together.</summary>
    private sealed class Run(string job, NamesState state, TimeProvider time)
    {
        public string Job { get; } = job;

        public NamesState State { get; set; } = state;

        public List<HistoryEvent> Events { get; } = [];

        public List<AlertRecord> Alerts { get; } = [];

        /// <summary>Things worth a line in the history that do not change the outcome (owner not kept, a retried attempt).</summary>
        public List<string> Notes { get; } = [];

        /// <summary>Set when the restart part failed although the names were written.</summary>
        public bool Failed { get; set; }

        public void Event(string kind, string detail) => Events.Add(new(time.GetUtcNow(), Job, kind, null, detail));

        public void Alert(string kind, string severity, string subject, string body) =>
            Alerts.Add(new(time.GetUtcNow(), Job, $"names.{kind}", severity, subject, body));
    }
}
