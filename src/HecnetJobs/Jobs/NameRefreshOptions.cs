using HecnetJobs.Pydecnet;

namespace HecnetJobs.Jobs;

/// <summary>The <c>nameRefresh</c> section: where the HECnet node list comes from, how it is fetched and judged, which file it replaces, and when PyDECnet is restarted to read it.</summary>
public sealed class NameRefreshOptions
{
    /// <summary>The list HecnetJobs fetches when the config names none: MIM's HECnet node listing.</summary>
    public static readonly Uri DefaultUrl = new("http://mim.stupi.net/hecnod");

    /// <summary>Where the node list comes from: <c>http</c>, <c>https</c> or <c>file</c> (offline use). Default <see cref="DefaultUrl"/>.</summary>
    public Uri Url { get; init; } = DefaultUrl;

    /// <summary>The most one attempt may take, from connect to the last byte. Default 30 s, range 100 ms–10 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts after the first when the server cannot be reached, times out, or answers 408, 429 or 5xx. Default 3, range 0–10.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>The median wait before the first retry; each further retry doubles it, with jitter. Default 2 s, range 1 ms–10 min.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts, also for a server's <c>Retry-After</c>. Default 5 min, range 1 ms–1 h.</summary>
    public TimeSpan RetryDelayMax { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest list accepted, in bytes. Default 4 MiB, range 1 KiB–256 MiB.</summary>
    public long MaxBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>The largest share of the current file's entries one refresh may remove, in percent. Default 20, range 0–100.</summary>
    public int MaxShrinkPercent { get; init; } = 20;

    /// <summary>Entries every accepted list must contain exactly. Default <c>1.13 MIM</c>; may be empty.</summary>
    public IReadOnlyList<NodeEntry> Pinned { get; init; } = [new NodeEntry(new DecnetAddress(1, 13), "MIM")];

    /// <summary>The names file to write. Default: the one PyDECnet's config files (the config files in <c>pydecnet.arguments</c>) include.</summary>
    public string? NamesFile { get; init; }

    /// <summary>How PyDECnet includes <see cref="NamesFile"/>. Default: as its config files say.</summary>
    public NamesInclude? Include { get; init; }

    /// <summary>Whether and when PyDECnet is restarted after the names changed. Default <see cref="NamesRestartMode.Now"/>.</summary>
    public NamesRestartMode Restart { get; init; } = NamesRestartMode.Now;

    /// <summary>With <see cref="NamesRestartMode.QuietHour"/>: the local time of day from which a pending restart may be done.</summary>
    public TimeOnly? QuietHour { get; init; }

    /// <summary>The watchdog job whose restart budget, records and state the restart goes through. Default <c>watchdog</c>.</summary>
    public string WatchdogJob { get; init; } = "watchdog";
}
