using System.Globalization;
using System.Text;
using HecnetJobs.Config;

namespace HecnetJobs.Status;

/// <summary>The judgement <c>hecnetjobs status</c> prints: a Nagios code, a short headline and the problems behind it.</summary>
public sealed record StatusReport(int Code, string Headline, IReadOnlyList<string> Problems, StatusDocument? Document, TimeSpan? Age)
{
    public static readonly string[] CodeWords = ["OK", "WARNING", "CRITICAL", "UNKNOWN"];

    public string CodeWord => CodeWords[Code];

    /// <summary>Judges a read status file at <paramref name="now"/>: the writer's own state, then the heartbeat's age.</summary>
    public static StatusReport From(StatusReadResult read, DateTimeOffset now, TimeSpan staleAfter)
    {
        if (read.Document is not { } document)
            return new StatusReport(read.Code, read.Problem!, [read.Problem!], null, null);

        var age = now - document.UpdatedAt;
        var problems = new List<string>();
        var code = document.State switch
        {
            StatusStates.Ok => NagiosCodes.Ok,
            StatusStates.Warning => NagiosCodes.Warning,
            StatusStates.Critical => NagiosCodes.Critical,
            _ => NagiosCodes.Unknown,
        };
        if (document.Daemon.Mode == "stopped")
        {
            problems.Add($"the daemon stopped at {Clock(document.Daemon.StoppedAt ?? document.UpdatedAt)}");
            code = NagiosCodes.Critical;
        }
        else if (age > staleAfter)
        {
            problems.Add($"heartbeat is {Duration.Format(Round(age))} old (stale after {Duration.Format(staleAfter)}): is HecnetJobs running?");
            code = NagiosCodes.Critical;
        }
        problems.AddRange(document.Problems);
        if (code == NagiosCodes.Unknown && problems.Count == 0)
            problems.Add($"unknown state '{document.State}' in the status file");

        var jobs = document.Jobs.Count;
        var failing = document.Jobs.Values.Count(j => j.Result is "failure" or "interrupted");
        var headline = problems.Count > 0
            ? problems[0]
            : $"{ModeText(document, now)}, {jobs} job{(jobs == 1 ? "" : "s")}, {(failing == 0 ? "none" : failing.ToString(CultureInfo.InvariantCulture))} failing";
        return new StatusReport(code, headline, problems, document, age);
    }

    /// <summary>The one-line Nagios plugin output with performance data.</summary>
    public string NagiosLine()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HECNETJOBS {CodeWord} - {Headline}");
        if (Document is { } document && Age is { } age)
        {
            var failing = document.Jobs.Values.Count(j => j.Result is "failure" or "interrupted");
            text.Append(CultureInfo.InvariantCulture,
                $" | heartbeat_age={Math.Max(0, (long)age.TotalSeconds)}s;;;0 jobs={document.Jobs.Count};;;0 jobs_failing={failing};;;0 outbox_queued={document.Outbox.Queued};;;0");
        }
        return text.ToString();
    }

    /// <summary>A summary for a person on a phone: short lines, the worst news first.</summary>
    public string HumanText(DateTimeOffset now)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HecnetJobs {CodeWord}");
        if (Document is not { } document || Age is not { } age)
        {
            text.Append('\n').Append(Headline).Append('\n');
            return text.ToString();
        }
        text.Append(CultureInfo.InvariantCulture, $": {ModeText(document, now)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Heartbeat {Duration.Format(Round(age))} ago\n");
        foreach (var problem in Problems)
            text.Append("! ").Append(problem).Append('\n');
        text.Append(PydecnetLine(document.Pydecnet, now)).Append('\n');
        foreach (var (target, link) in document.Links.OrderBy(l => l.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"Link {target}: {link.State}{(link.Since is { } since ? $" for {Duration.Format(Round(now - since))}" : "")}\n");
        if (document.Jobs.Count > 0)
            text.Append("Jobs:\n");
        foreach (var (name, job) in document.Jobs.OrderBy(j => j.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {name}: {job.Result ?? "not run yet"}");
            if (job.LastRun is { } last)
                text.Append(CultureInfo.InvariantCulture, $" {Duration.Format(Round(now - last))} ago");
            if (job.NextRun is { } next)
                text.Append(CultureInfo.InvariantCulture, $", next in {Duration.Format(Round(next - now))}");
            text.Append('\n');
        }
        if (document.Outbox.Queued > 0)
            text.Append(CultureInfo.InvariantCulture, $"Alerts queued: {document.Outbox.Queued}\n");
        return text.ToString();
    }

    private static string PydecnetLine(PydecnetStatus pydecnet, DateTimeOffset now)
    {
        var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"PyDECnet: {pydecnet.State}");
        if (pydecnet.Pid is { } pid)
            line.Append(CultureInfo.InvariantCulture, $", PID {pid}");
        if (pydecnet.Since is { } since)
            line.Append(CultureInfo.InvariantCulture, $", for {Duration.Format(Round(now - since))}");
        if (pydecnet.RssBytes is { } rss)
            line.Append(CultureInfo.InvariantCulture, $", {ByteSize.Format(rss)}");
        if (pydecnet.Restarts24h > 0)
            line.Append(CultureInfo.InvariantCulture, $", {pydecnet.Restarts24h} restart{(pydecnet.Restarts24h == 1 ? "" : "s")} in 24h");
        return line.ToString();
    }

    private static string ModeText(StatusDocument document, DateTimeOffset now) => document.Daemon.Mode switch
    {
        "daemon" => $"daemon pid {document.Daemon.Pid}, up {Duration.Format(Round(now - document.Daemon.StartedAt))}",
        "oneshot" => "no daemon (one-shot runs)",
        "stopped" => "daemon stopped",
        var other => $"mode '{other}'",
    };

    private static string Clock(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Whole seconds, or whole minutes past an hour: a phone screen has no room for "2h13m7s".</summary>
    private static TimeSpan Round(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
            return TimeSpan.Zero;
        return span >= TimeSpan.FromHours(1)
            ? TimeSpan.FromMinutes(Math.Floor(span.TotalMinutes))
            : TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds));
    }
}
