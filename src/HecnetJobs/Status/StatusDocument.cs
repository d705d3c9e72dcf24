using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace HecnetJobs.Status;

/// <summary>
/// The heartbeat status file, schema 1 (docs/status-file.md, docs/status-file.schema.json). Outside watchers rely on these
/// names; a change that removes or renames one needs a new <see cref="Schema"/> number.
/// </summary>
public sealed class StatusDocument
{
    public const int CurrentSchema = 1;

    public int Schema { get; set; } = CurrentSchema;

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary><c>ok</c>, <c>warning</c> or <c>critical</c>, as the writer saw it; <c>status</c> also judges the heartbeat's age.</summary>
    public string State { get; set; } = StatusStates.Ok;

    /// <summary>One line per problem behind <see cref="State"/>, most serious first.</summary>
    public List<string> Problems { get; set; } = [];

    public DaemonStatus Daemon { get; set; } = new();

    public SchedulesStatus Schedules { get; set; } = new();

    public Dictionary<string, JobStatus> Jobs { get; set; } = [];

    public PydecnetStatus Pydecnet { get; set; } = new();

    public HostStatus Host { get; set; } = new();

    public List<PauseStatus> Pauses { get; set; } = [];

    public Dictionary<string, LinkStatus> Links { get; set; } = [];

    public NamesStatus Names { get; set; } = new();

    public OutboxStatus Outbox { get; set; } = new();
}

public static class StatusStates
{
    public const string Ok = "ok";
    public const string Warning = "warning";
    public const string Critical = "critical";
    public const string Unknown = "unknown";
}

public sealed class DaemonStatus
{
    public int Pid { get; set; }

    public string Version { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    /// <summary><c>daemon</c> (running), <c>stopped</c> (the daemon shut down cleanly) or <c>oneshot</c> (written by a CLI run, no daemon).</summary>
    public string Mode { get; set; } = "";

    public DateTimeOffset? StoppedAt { get; set; }
}

public sealed class SchedulesStatus
{
    public string File { get; set; } = "";

    public DateTimeOffset? LoadedAt { get; set; }

    /// <summary>Why the latest edit of jobs.xml was refused (the previous schedules stay in force), or null.</summary>
    public string? Error { get; set; }
}

public sealed class JobStatus
{
    public string Type { get; set; } = "";

    public DateTimeOffset? LastRun { get; set; }

    /// <summary><c>success</c>, <c>failure</c>, <c>cancelled</c>, <c>interrupted</c>, <c>running</c>, or null before the first run.</summary>
    public string? Result { get; set; }

    public long? DurationMs { get; set; }

    public string? Summary { get; set; }

    public DateTimeOffset? NextRun { get; set; }
}

/// <summary>Filled from the watchdog's state; <c>unknown</c> until it runs.</summary>
public sealed class PydecnetStatus
{
    /// <summary><c>running</c>, <c>not-answering</c>, <c>hung</c>, <c>down</c>, <c>restarting</c>, <c>backing-off</c> or <c>unknown</c>.</summary>
    public string State { get; set; } = StatusStates.Unknown;

    public int? Pid { get; set; }

    public DateTimeOffset? Since { get; set; }

    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>The current problem in one line, or null while running.</summary>
    public string? Problem { get; set; }

    /// <summary>Restart attempts (successful or not) in the last 24 hours.</summary>
    public int Restarts24h { get; set; }

    public DateTimeOffset? LastRestartAt { get; set; }

    public string? LastRestartReason { get; set; }

    /// <summary>While backing off: the earliest next restart attempt.</summary>
    public DateTimeOffset? BackoffUntil { get; set; }

    public long? RssBytes { get; set; }

    public double? CpuSeconds { get; set; }

    public int? Threads { get; set; }
}

/// <summary>The host's vitals: free space where HecnetJobs and PyDECnet write, memory, load.</summary>
public sealed class HostStatus
{
    public List<DiskStatus> Disks { get; set; } = [];

    public long? MemAvailableBytes { get; set; }

    public double? Load5 { get; set; }
}

/// <summary>Free space of the file system holding <see cref="Path"/>.</summary>
public sealed class DiskStatus
{
    public string Path { get; set; } = "";

    public long FreeBytes { get; set; }

    public long TotalBytes { get; set; }
}

/// <summary>A pause in force (<c>hecnetjobs pause</c>).</summary>
public sealed class PauseStatus
{
    public string Job { get; set; } = "";

    public DateTimeOffset Until { get; set; }

    public string? Reason { get; set; }

    public string By { get; set; } = "";

    public DateTimeOffset Since { get; set; }
}

/// <summary>Filled by the link-probe job, one per target.</summary>
public sealed class LinkStatus
{
    /// <summary><c>up</c> or <c>down</c> (confirmed, debounced), or <c>unknown</c> while the latest check could not tell or before the first confirmation.</summary>
    public string State { get; set; } = StatusStates.Unknown;

    /// <summary>Since when <see cref="State"/> holds: the first check that saw it.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>When the target was last checked.</summary>
    public DateTimeOffset? LastCheck { get; set; }

    /// <summary>When the confirmed state last changed (when its alert was raised), or null before the first confirmation.</summary>
    public DateTimeOffset? LastChange { get; set; }

    /// <summary>The confirmed state, which unknown checks never change: <c>up</c>, <c>down</c>, or <c>unknown</c> before the first confirmation.</summary>
    public string Confirmed { get; set; } = StatusStates.Unknown;

    /// <summary>The latest check's finding in one line, or null before the first check.</summary>
    public string? Reason { get; set; }
}

/// <summary>Filled by the name-refresh job.</summary>
public sealed class NamesStatus
{
    /// <summary>When a list was last accepted (written, or found unchanged).</summary>
    public DateTimeOffset? LastRefresh { get; set; }

    /// <summary>The URL the list came from.</summary>
    public string? Source { get; set; }

    /// <summary>The names file written.</summary>
    public string? File { get; set; }

    public int? Entries { get; set; }

    /// <summary>What the last accepted list changed: entries added, removed and renamed (0 each for no change).</summary>
    public int? Added { get; set; }

    public int? Removed { get; set; }

    public int? Renamed { get; set; }

    /// <summary>Why the latest list was refused (the file was kept), or null once a list is accepted.</summary>
    public string? Refused { get; set; }

    /// <summary>When a restart of PyDECnet for new names is due (a quiet hour, or a deferred restart), or null.</summary>
    public DateTimeOffset? PendingRestart { get; set; }
}

/// <summary>Filled by the alert outbox.</summary>
public sealed class OutboxStatus
{
    /// <summary>Alerts queued for at least one channel and not yet delivered there.</summary>
    public int Queued { get; set; }

    /// <summary>When the oldest queued alert was raised, or null with nothing queued.</summary>
    public DateTimeOffset? OldestQueuedAt { get; set; }

    /// <summary>Its age in whole seconds when the file was written, or null.</summary>
    public long? OldestQueuedAgeSeconds { get; set; }

    /// <summary>Each configured channel (<c>eml</c>, <c>smtp</c>, <c>webhook</c>, <c>ping</c>) by name.</summary>
    public Dictionary<string, OutboxChannelStatus> Channels { get; set; } = [];
}

/// <summary>One delivery channel: its queue, its last success and its last error (never a secret).</summary>
public sealed class OutboxChannelStatus
{
    public int Queued { get; set; }

    public DateTimeOffset? LastSentAt { get; set; }

    /// <summary>The latest delivery error in one line (kept after the channel recovers), or null.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    /// <summary>Since when the channel has failed without a success in between; null while it works.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>While failing: the next attempt, or null.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusDocument))]
internal sealed partial class StatusJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The type info to read and write with: apostrophes and non-ASCII names stay readable instead of \u escapes. The
    /// file is never embedded in HTML, so the relaxed escaping is safe.
    /// </summary>
    public static JsonTypeInfo<StatusDocument> Document { get; } =
        new StatusJsonContext(new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }).StatusDocument;
}
