using System.Globalization;
using System.Text;

namespace HecnetJobs.Status;

/// <summary>
/// The change-notification seam for live views (the status page, the metrics textfile): every document built is
/// announced, and a change of what a person watches (overall state, problems, PyDECnet, links, outbox, job results) is
/// flagged, so a page is pushed an update only when it would show something new.
/// </summary>
public sealed partial class StatusPublisher
{
    private string? _lastFingerprint;

    /// <summary>The latest document built (written to the file, or refreshed for a live view); null before the first.</summary>
    public StatusDocument? Latest { get; private set; }

    /// <summary>
    /// Raised after every document built, with whether its watched content differs from the one before. Handlers run
    /// inside the publisher's lock: they must be quick and must not throw (hand the document to a channel).
    /// </summary>
    public event Action<StatusDocument, bool>? Published;

    /// <summary>Builds a fresh document and announces it without writing the file: a live view asks when the store changed.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var next = NextRuns is null ? [] : await NextRuns(cancellationToken);
            Announce(Build(next));
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Announce(StatusDocument document)
    {
        var fingerprint = Fingerprint(document);
        var changed = fingerprint != _lastFingerprint;
        _lastFingerprint = fingerprint;
        Latest = document;
        Published?.Invoke(document, changed);
    }

    /// <summary>What a watcher sees change: times of checks, vitals and ages that move every second are left out.</summary>
    internal static string Fingerprint(StatusDocument d)
    {
        var text = new StringBuilder();
        var pydecnet = d.Pydecnet;
        text.Append(CultureInfo.InvariantCulture, $"{d.State}|{string.Join('\n', d.Problems)}|{d.Daemon.Mode}\n");
        text.Append(CultureInfo.InvariantCulture, $"pydecnet {pydecnet.State} {pydecnet.Pid} {pydecnet.Since:O} {pydecnet.Restarts24h} {pydecnet.LastRestartAt:O} {pydecnet.Problem}\n");
        foreach (var (target, link) in d.Links.OrderBy(l => l.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"link {target} {link.State} {link.Since:O} {link.Confirmed} {link.LastChange:O}\n");
        foreach (var (name, job) in d.Jobs.OrderBy(j => j.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"job {name} {job.LastRun:O} {job.Result} {job.NextRun:O}\n");
        text.Append(CultureInfo.InvariantCulture, $"outbox {d.Outbox.Queued} {d.Outbox.OldestQueuedAt:O}\n");
        foreach (var (name, channel) in d.Outbox.Channels.OrderBy(c => c.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"channel {name} {channel.Queued} {channel.FailingSince:O} {channel.LastSentAt:O}\n");
        text.Append(CultureInfo.InvariantCulture, $"names {d.Names.LastRefresh:O} {d.Names.Entries} {d.Names.Refused} {d.Names.PendingRestart:O}\n");
        foreach (var pause in d.Pauses)
            text.Append(CultureInfo.InvariantCulture, $"pause {pause.Job} {pause.Until:O}\n");
        return text.ToString();
    }
}
