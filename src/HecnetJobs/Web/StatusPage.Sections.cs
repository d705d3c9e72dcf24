using System.Globalization;
using System.Text;
using HecnetJobs.Alerts;
using HecnetJobs.Status;

namespace HecnetJobs.Web;

/// <summary>The page's sections, each the inner HTML of its element.</summary>
public static partial class StatusPage
{
    private static string Overall(StatusPageData data)
    {
        var status = data.Status;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h2>Overall {Badge(status.State, "overall-state")}</h2>");
        if (status.Problems.Count > 0)
        {
            html.Append("<ul class=\"problems\">");
            foreach (var problem in status.Problems)
                html.Append(CultureInfo.InvariantCulture, $"<li>{H(problem)}</li>");
            html.Append("</ul>");
        }
        else
        {
            html.Append("<p class=\"muted\">No problems.</p>");
        }
        html.Append(CultureInfo.InvariantCulture, $"""
            <dl><dt>HecnetJobs</dt><dd>{H(status.Daemon.Version)}, PID {status.Daemon.Pid}, {H(status.Daemon.Mode)}, up since {H(When(status.Daemon.StartedAt, data))}</dd>
            <dt>Status built</dt><dd>{H(When(status.UpdatedAt, data))}</dd></dl>
            """);
        return html.ToString();
    }

    private static string Pydecnet(StatusPageData data)
    {
        var p = data.Status.Pydecnet;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h2>PyDECnet {Badge(p.State, "pydecnet-state")}</h2><dl>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>PID</dt><dd id=\"pydecnet-pid\">{(p.Pid is { } pid ? pid.ToString(CultureInfo.InvariantCulture) : "none")}</dd>");
        if (p.Since is { } since)
        {
            var label = Reports.PydecnetTimeline.IsUp(p.State) ? "Up for" : "Since";
            var value = Reports.PydecnetTimeline.IsUp(p.State) ? $"{MessageComposer.Span(data.Now - since)} (since {Clock(since, data)})" : When(since, data);
            html.Append(CultureInfo.InvariantCulture, $"<dt>{label}</dt><dd>{H(value)}</dd>");
        }
        if (p.Problem is { } problem)
            html.Append(CultureInfo.InvariantCulture, $"<dt>Problem</dt><dd>{H(problem)}</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Restarts, 24 h</dt><dd id=\"pydecnet-restarts\">{p.Restarts24h}</dd>");
        if (p.LastRestartAt is { } last)
            html.Append(CultureInfo.InvariantCulture, $"<dt>Last restart</dt><dd>{H(When(last, data))}: {H(p.LastRestartReason)}</dd>");
        if (p.BackoffUntil is { } until)
            html.Append(CultureInfo.InvariantCulture, $"<dt>Next attempt</dt><dd>{H(When(until, data))}</dd>");
        if (p.RssBytes is { } rss)
            html.Append(CultureInfo.InvariantCulture, $"<dt>Memory</dt><dd>{H(ByteSize.Format(rss))}, CPU {p.CpuSeconds:0.#} s, {p.Threads} threads</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Checked</dt><dd>{H(When(p.CheckedAt, data))}</dd></dl>");
        if (data.Restarts.Count > 0)
        {
            html.Append("<h3>Restarts and failed starts, last 7 days</h3><ul id=\"restarts\">");
            foreach (var restart in data.Restarts)
            {
                var what = restart.Kind == HecnetJobs.Jobs.WatchdogEvents.StartFailed ? "start failed" : "restarted";
                html.Append(CultureInfo.InvariantCulture, $"<li>{H(Clock(restart.At, data))} {H(what)}: {H(restart.Detail.Split('\n')[0])}</li>");
            }
            html.Append("</ul>");
        }
        return html.ToString();
    }

    private static string Links(StatusPageData data)
    {
        var html = new StringBuilder("<h2>Links</h2>");
        if (data.Status.Links.Count == 0)
            return html.Append("<p class=\"muted\">No link is probed yet (the link-probe job has not run, or is not in jobs.xml).</p>").ToString();
        foreach (var (target, link) in data.Status.Links.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"link\" data-target=\"{H(target)}\"><h3>{H(target)} {Badge(link.State)}</h3><dl>");
            var since = link.Since is null ? "not confirmed up or down yet" : When(link.Since, data);
            html.Append(CultureInfo.InvariantCulture, $"<dt>Since</dt><dd>{H(since)}</dd>");
            html.Append(CultureInfo.InvariantCulture, $"<dt>Last check</dt><dd>{H(When(link.LastCheck, data))}{(link.Reason is { } reason ? $": {H(reason)}" : "")}</dd></dl>");
            Bar(html, data, target, data.Day, StatusPageData.DayWindow, "last 24 h", "24 h ago");
            Bar(html, data, target, data.Week, StatusPageData.WeekWindow, "last 7 days", "7 d ago");
            html.Append("</div>");
        }
        return html.ToString();
    }

    private static void Bar(StringBuilder html, StatusPageData data, string target, IReadOnlyDictionary<string, Reports.LinkTimeline> timelines, TimeSpan window, string label, string start)
    {
        if (!timelines.TryGetValue(target, out var timeline))
            return;
        var share = timeline.Availability is { } a ? string.Create(CultureInfo.InvariantCulture, $"{a * 100:0.##}% up") : "nothing known";
        var outages = timeline.Outages.Count;
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"bar\" data-window=\"{(window == StatusPageData.DayWindow ? "24h" : "7d")}\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>{H(label)}: {H(share)}, {outages} outage{(outages == 1 ? "" : "s")}</p>");
        html.Append(TimelineSvg.Render(timeline, data.Now - window, data.Now, data.Zone, label));
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"axis\"><span>{H(start)}</span><span>now</span></div></div>");
    }

    private static string Jobs(StatusPageData data)
    {
        var html = new StringBuilder("<h2>Jobs</h2>");
        var schedules = data.Status.Schedules;
        if (schedules.Error is { } error)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"problems\">jobs.xml edit refused, the previous schedules stay in force: {H(error.Split('\n')[0])}</p>");
        html.Append("<ul id=\"job-list\">");
        foreach (var (name, job) in data.Status.Jobs.OrderBy(j => j.Key, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li data-job=\"{H(name)}\"><b>{H(name)}</b> ");
            if (job.LastRun is { } last)
            {
                var took = job.DurationMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $", took {ms / 1000.0:0.0} s") : "";
                html.Append(CultureInfo.InvariantCulture, $"{Badge(job.Result ?? "running")} {H(When(last, data))}{took}");
            }
            else
            {
                html.Append("<span class=\"muted\">not run yet</span>");
            }
            if (job.NextRun is { } next)
                html.Append(CultureInfo.InvariantCulture, $"; next {H(When(next, data))}");
            if (job.Summary is { Length: > 0 } summary)
                html.Append(CultureInfo.InvariantCulture, $"<br><small>{H(summary)}</small>");
            html.Append("</li>");
        }
        html.Append("</ul>");
        foreach (var pause in data.Status.Pauses)
            html.Append(CultureInfo.InvariantCulture, $"<p>{Badge("paused")} {H(pause.Job)} until {H(When(pause.Until, data))} by {H(pause.By)}{(pause.Reason is { } r ? $": {H(r)}" : "")}</p>");
        return html.ToString();
    }

    private static string Outbox(StatusPageData data)
    {
        var outbox = data.Status.Outbox;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h2>Alert outbox <span id=\"outbox-queued\">{outbox.Queued}</span> queued</h2>");
        if (outbox.OldestQueuedAt is { } oldest)
            html.Append(CultureInfo.InvariantCulture, $"<p>Oldest queued since {H(When(oldest, data))}.</p>");
        html.Append("<ul>");
        foreach (var (name, channel) in outbox.Channels.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var state = channel.FailingSince is null ? "ok" : "failing";
            html.Append(CultureInfo.InvariantCulture, $"<li><b>{H(name)}</b> {Badge(state)} {channel.Queued} queued; last sent {H(When(channel.LastSentAt, data))}");
            if (channel.FailingSince is { } failing)
                html.Append(CultureInfo.InvariantCulture, $"<br><small>failing since {H(When(failing, data))}, next attempt {H(When(channel.NextAttemptAt, data))}: {H(channel.LastError)}</small>");
            html.Append("</li>");
        }
        return html.Append("</ul>").ToString();
    }

    private static string Names(StatusPageData data)
    {
        var names = data.Status.Names;
        var html = new StringBuilder("<h2>Node names</h2>");
        if (names.LastRefresh is null && names.Refused is null)
            return html.Append("<p class=\"muted\">No node list accepted yet.</p>").ToString();
        html.Append(CultureInfo.InvariantCulture, $"<dl><dt>Last refresh</dt><dd>{H(When(names.LastRefresh, data))}</dd>");
        if (names.Entries is { } entries)
            html.Append(CultureInfo.InvariantCulture, $"<dt>Entries</dt><dd>{entries} in {H(names.File)}</dd>");
        if (names.Added is { } added)
            html.Append(CultureInfo.InvariantCulture, $"<dt>Last change</dt><dd>{added} added, {names.Removed} removed, {names.Renamed} renamed</dd>");
        if (names.Refused is { } refused)
            html.Append(CultureInfo.InvariantCulture, $"<dt>Refused</dt><dd>{H(refused)}</dd>");
        if (names.PendingRestart is { } pending)
            html.Append(CultureInfo.InvariantCulture, $"<dt>Restart due</dt><dd>{H(When(pending, data))}</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Source</dt><dd>{H(names.Source)}</dd></dl>");
        if (data.NamesChange is { } change)
            html.Append(CultureInfo.InvariantCulture, $"<h3>Changes of {H(Clock(change.At, data))}</h3><pre id=\"names-diff\">{H(change.Detail)}</pre>");
        return html.ToString();
    }
}
