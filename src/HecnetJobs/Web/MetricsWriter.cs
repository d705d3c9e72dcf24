using System.Globalization;
using System.Text;
using HecnetJobs.Jobs;
using HecnetJobs.Reports;
using HecnetJobs.Status;

namespace HecnetJobs.Web;

/// <summary>
/// Writes a <see cref="MetricsSnapshot"/> in the Prometheus text exposition format 0.0.4: every family with its HELP
/// and TYPE lines, label values escaped, names prefixed <c>hecnetjobs_</c> (docs/status-page.md lists them). Pure.
/// </summary>
public static class MetricsWriter
{
    /// <summary>The Content-Type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] PydecnetStateWords =
    [
        PydecnetStates.Running, PydecnetStates.NotAnswering, PydecnetStates.Hung, PydecnetStates.Down,
        PydecnetStates.Restarting, PydecnetStates.BackingOff, PydecnetStates.Unknown,
    ];

    private static readonly string[] LinkStateWords = [LinkStates.Up, LinkStates.Down, LinkStates.Unknown];

    public static string Write(MetricsSnapshot snapshot)
    {
        var status = snapshot.Status;
        var text = new StringBuilder();
        var family = new Family(text);

        family.Start("hecnetjobs_info", "gauge", "Always 1; the labels name the version and the node.");
        family.Sample("hecnetjobs_info", 1, ("version", status.Daemon.Version), ("node", snapshot.NodeName));
        family.Start("hecnetjobs_start_time_seconds", "gauge", "When the daemon started, in Unix seconds.");
        family.Sample("hecnetjobs_start_time_seconds", Seconds(status.Daemon.StartedAt));
        family.Start("hecnetjobs_status_updated_timestamp_seconds", "gauge", "When the status was last built, in Unix seconds (a stale textfile shows here).");
        family.Sample("hecnetjobs_status_updated_timestamp_seconds", Seconds(status.UpdatedAt));
        family.Start("hecnetjobs_state", "gauge", "The overall state as Nagios codes: 0 ok, 1 warning, 2 critical.");
        family.Sample("hecnetjobs_state", status.State switch { StatusStates.Ok => 0, StatusStates.Warning => 1, _ => 2 });
        family.Start("hecnetjobs_problems", "gauge", "Problems behind the overall state.");
        family.Sample("hecnetjobs_problems", status.Problems.Count);

        WritePydecnet(family, status.Pydecnet, snapshot.Counters);
        WriteLinks(family, snapshot);
        WriteOutbox(family, status.Outbox);
        WriteJobs(family, status, snapshot.Counters);
        return text.ToString();
    }

    private static void WritePydecnet(Family family, PydecnetStatus pydecnet, CounterReading counters)
    {
        family.Start("hecnetjobs_pydecnet_up", "gauge", "1 while a PyDECnet process is alive (running, or alive but not answering), else 0.");
        family.Sample("hecnetjobs_pydecnet_up", PydecnetTimeline.IsUp(pydecnet.State) ? 1 : 0);
        family.Start("hecnetjobs_pydecnet_state", "gauge", "1 for the watchdog's current PyDECnet state, 0 for the others.");
        foreach (var word in PydecnetStateWords)
            family.Sample("hecnetjobs_pydecnet_state", word == pydecnet.State ? 1 : 0, ("state", word));
        family.Start("hecnetjobs_pydecnet_restarts_total", "counter", "PyDECnet restarts (started and answering) since the daemon started.");
        family.Sample("hecnetjobs_pydecnet_restarts_total", counters.Restarts);
        family.Start("hecnetjobs_pydecnet_start_failures_total", "counter", "Starts of PyDECnet that failed since the daemon started.");
        family.Sample("hecnetjobs_pydecnet_start_failures_total", counters.StartFailures);
        family.Start("hecnetjobs_pydecnet_restarts_24h", "gauge", "Restart attempts in the last 24 hours, from the history.");
        family.Sample("hecnetjobs_pydecnet_restarts_24h", pydecnet.Restarts24h);
        if (pydecnet.Since is { } since && PydecnetTimeline.IsUp(pydecnet.State))
        {
            family.Start("hecnetjobs_pydecnet_up_since_seconds", "gauge", "Since when PyDECnet has been in its current up state, in Unix seconds.");
            family.Sample("hecnetjobs_pydecnet_up_since_seconds", Seconds(since));
        }
        if (pydecnet.RssBytes is { } rss)
        {
            family.Start("hecnetjobs_pydecnet_resident_memory_bytes", "gauge", "PyDECnet's resident memory.");
            family.Sample("hecnetjobs_pydecnet_resident_memory_bytes", rss);
        }
    }

    private static void WriteLinks(Family family, MetricsSnapshot snapshot)
    {
        var links = snapshot.Status.Links.OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        family.Start("hecnetjobs_link_up", "gauge", "1 while the link to the target is confirmed up, else 0 (down, or cannot be checked).");
        foreach (var (target, link) in links)
            family.Sample("hecnetjobs_link_up", link.State == LinkStates.Up ? 1 : 0, ("target", target));
        family.Start("hecnetjobs_link_state", "gauge", "1 for the link's current state (up, down, unknown), 0 for the others.");
        foreach (var (target, link) in links)
        {
            foreach (var word in LinkStateWords)
                family.Sample("hecnetjobs_link_state", word == link.State ? 1 : 0, ("target", target), ("state", word));
        }
        var checks = snapshot.LatestChecks.Where(c => snapshot.Status.Links.ContainsKey(c.Target)).ToList();
        family.Start("hecnetjobs_link_check_duration_seconds", "gauge", "How long the latest ncp check of the target took.");
        foreach (var check in checks.Where(c => c.ElapsedMs is not null))
            family.Sample("hecnetjobs_link_check_duration_seconds", check.ElapsedMs!.Value / 1000.0, ("target", check.Target));
        family.Start("hecnetjobs_link_last_check_timestamp_seconds", "gauge", "When the target was last checked, in Unix seconds.");
        foreach (var check in checks)
            family.Sample("hecnetjobs_link_last_check_timestamp_seconds", Seconds(check.At), ("target", check.Target));
        family.Start("hecnetjobs_link_checks_total", "counter", "Link checks since the daemon started, by target and verdict (up, down, unknown).");
        foreach (var (target, verdict, count) in snapshot.Counters.Checks)
            family.Sample("hecnetjobs_link_checks_total", count, ("target", target), ("verdict", verdict));
    }

    private static void WriteOutbox(Family family, OutboxStatus outbox)
    {
        family.Start("hecnetjobs_outbox_pending", "gauge", "Alerts queued for at least one channel and not yet delivered there.");
        family.Sample("hecnetjobs_outbox_pending", outbox.Queued);
        family.Start("hecnetjobs_outbox_oldest_age_seconds", "gauge", "Age of the oldest queued alert when the status was built; 0 with nothing queued.");
        family.Sample("hecnetjobs_outbox_oldest_age_seconds", outbox.OldestQueuedAgeSeconds ?? 0);
        var channels = outbox.Channels.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        family.Start("hecnetjobs_alert_channel_pending", "gauge", "Alerts queued for the channel.");
        foreach (var (name, channel) in channels)
            family.Sample("hecnetjobs_alert_channel_pending", channel.Queued, ("channel", name));
        family.Start("hecnetjobs_alert_channel_failing", "gauge", "1 while the channel's deliveries fail, else 0.");
        foreach (var (name, channel) in channels)
            family.Sample("hecnetjobs_alert_channel_failing", channel.FailingSince is null ? 0 : 1, ("channel", name));
    }

    private static void WriteJobs(Family family, StatusDocument status, CounterReading counters)
    {
        var jobs = status.Jobs.OrderBy(j => j.Key, StringComparer.Ordinal).ToList();
        family.Start("hecnetjobs_job_runs_total", "counter", "Job runs that ended since the daemon started, by job and outcome (success, failure, cancelled, interrupted).");
        foreach (var (job, outcome, count) in counters.Runs)
            family.Sample("hecnetjobs_job_runs_total", count, ("job", job), ("outcome", outcome));
        family.Start("hecnetjobs_job_last_run_timestamp_seconds", "gauge", "When the job's latest run started, in Unix seconds.");
        foreach (var (name, job) in jobs.Where(j => j.Value.LastRun is not null))
            family.Sample("hecnetjobs_job_last_run_timestamp_seconds", Seconds(job.LastRun!.Value), ("job", name));
        family.Start("hecnetjobs_job_last_duration_seconds", "gauge", "How long the job's latest finished run took.");
        foreach (var (name, job) in jobs.Where(j => j.Value.DurationMs is not null))
            family.Sample("hecnetjobs_job_last_duration_seconds", job.DurationMs!.Value / 1000.0, ("job", name));
        family.Start("hecnetjobs_job_last_success", "gauge", "1 when the job's latest finished run succeeded, 0 when it did not.");
        foreach (var (name, job) in jobs.Where(j => j.Value.Result is not null and not "running"))
            family.Sample("hecnetjobs_job_last_success", job.Result == "success" ? 1 : 0, ("job", name));
    }

    private static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Writes one family at a time: its HELP and TYPE lines, then its samples.</summary>
    private sealed class Family(StringBuilder text)
    {
        public void Start(string name, string type, string help) =>
            text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n')
                .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

        public void Sample(string name, double value, params (string Name, string Value)[] labels)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{');
                for (var i = 0; i < labels.Length; i++)
                    text.Append(i == 0 ? "" : ",").Append(labels[i].Name).Append("=\"").Append(EscapeLabel(labels[i].Value)).Append('"');
                text.Append('}');
            }
            text.Append(' ').Append(Number(value)).Append('\n');
        }
    }

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    internal static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>HELP text escapes backslash and line feed.</summary>
    internal static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
