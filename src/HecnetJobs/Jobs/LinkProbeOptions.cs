using System.Net;

namespace HecnetJobs.Jobs;

/// <summary>The <c>linkProbe</c> section: which nodes to probe with <c>ncp show node</c>, how to debounce, and what to check when a link goes down.</summary>
public sealed class LinkProbeOptions
{
    /// <summary>The config key of <see cref="NcpCommand"/>, as messages name it.</summary>
    public const string NcpCommandKey = "linkProbe.ncpCommand";

    /// <summary>The nodes probed when the job's data map has no <c>targets</c>: names or <c>area.node</c> addresses, normalised (upper case, <c>1.13</c>). Default <c>["MIM"]</c>.</summary>
    public IReadOnlyList<string> Targets { get; init; } = ["MIM"];

    /// <summary>The <c>ncp</c> program: a bare name is looked up on PATH at run time, a path is used as it is. Default <c>ncp</c>.</summary>
    public string NcpCommand { get; init; } = "ncp";

    /// <summary>How long one <c>ncp</c> run may take before its process tree is killed and the check counts as unknown. Default 20 s, range 100 ms–10 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Consecutive "down" checks that declare a link down. Default 2, range 1–100.</summary>
    public int DownAfter { get; init; } = 2;

    /// <summary>Consecutive "up" checks that declare a link up again. Default 2, range 1–100.</summary>
    public int UpAfter { get; init; } = 2;

    /// <summary>While a link stays down, a reminder alert this often after the last one; null (<c>"off"</c>) for none. Default 12 h, range 1 min–30 d.</summary>
    public TimeSpan? RemindEvery { get; init; } = TimeSpan.FromHours(12);

    /// <summary>A link whose checks stay unknown this long raises its own alert; null (<c>"off"</c>) for none. Default 30 min, range 1 min–7 d.</summary>
    public TimeSpan? UnknownAlertAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Hosts and ports that answer a TCP connect when this host's internet works (e.g. the circuit peer and one well-known host); empty for no check. Default none.</summary>
    public IReadOnlyList<DnsEndPoint> InternetCheck { get; init; } = [];

    /// <summary>The PyDECnet circuit to the neighbour (<c>DMC-0</c>), upper case, whose state the JSON API reports in a diagnosis; null for no check. Default none.</summary>
    public string? Circuit { get; init; }

    /// <summary>What a down link is for <c>status</c>, by target; targets not listed use <see cref="DownIsDefault"/>.</summary>
    public IReadOnlyDictionary<string, string> DownIs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>What a down link is for <c>status</c> unless <see cref="DownIs"/> names the target: <c>critical</c> (default) or <c>warning</c>.</summary>
    public string DownIsDefault { get; init; } = Status.StatusStates.Critical;

    /// <summary>The severity of a down link of <paramref name="target"/>: <c>critical</c> or <c>warning</c>.</summary>
    public string SeverityOf(string target) => DownIs.TryGetValue(target, out var severity) ? severity : DownIsDefault;

    /// <summary>The timeout of each diagnosis probe (API socket, TCP connect, circuit): the ncp timeout, at most 5 s.</summary>
    public TimeSpan DiagnosisTimeout => Timeout < TimeSpan.FromSeconds(5) ? Timeout : TimeSpan.FromSeconds(5);
}
