using System.Globalization;
using System.Text;
using HecnetJobs.Pydecnet;
using HecnetJobs.Store;

namespace HecnetJobs.Jobs;

/// <summary>The alert records: short subjects for a phone, bodies with the evidence (ncp's output, how long the previous state lasted, the diagnosis).</summary>
public sealed partial class LinkProbeJob
{
    private const int MaxOutputLines = 40;

    private AlertRecord? Alert(string job, LinkSignal signal, LinkState next, NcpRun run, LinkDiagnosis? diagnosis, DateTimeOffset now)
    {
        var target = run.Target;
        var before = signal.Before;
        var body = new StringBuilder();
        string kind, severity, subject;
        switch (signal.Kind)
        {
            case LinkSignalKind.Down:
                (kind, severity, subject) = (LinkEvents.Down, _options.SeverityOf(target), $"link {target} down");
                body.AppendLine(CultureInfo.InvariantCulture, $"{Sentence(run.Reply.Reason)}")
                    .AppendLine(CultureInfo.InvariantCulture, $"Diagnosis: {diagnosis!.Verdict}.")
                    .AppendLine()
                    .AppendLine(CultureInfo.InvariantCulture, $"Link {target} down since {Clock(next.Since!.Value)} (first down check), confirmed by {Checks(next.DownCount)} at {Clock(now)}.")
                    .AppendLine(before.State == LinkStates.Up && signal.Lasted is { } up
                        ? $"Before that it was up for {Human(up)} (since {Clock(before.Since!.Value)})."
                        : "It had not been confirmed up before: these are the first checks since HecnetJobs began watching it.")
                    .AppendLine()
                    .AppendLine("Checks made:");
                foreach (var finding in diagnosis.Findings)
                    body.AppendLine(CultureInfo.InvariantCulture, $"  {finding}");
                AppendOutput(body, run);
                body.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"A message follows when {Checks(_options.UpAfter)} find {target} reachable again.");
                break;
            case LinkSignalKind.Up:
                var down = signal.Lasted ?? TimeSpan.Zero;
                (kind, severity, subject) = (LinkEvents.Up, "info", $"link {target} up, was down {Human(down)}");
                body.AppendLine(CultureInfo.InvariantCulture, $"{Sentence(run.Reply.Reason)}")
                    .AppendLine(CultureInfo.InvariantCulture, $"Link {target} was down for {Human(down)}: from {Clock(before.Since!.Value)} (first down check) to {Clock(next.Since!.Value)} (first up check); confirmed up at {Clock(now)} by {Checks(next.UpCount)}.");
                AppendOutput(body, run);
                break;
            case LinkSignalKind.StillDown:
                (kind, severity, subject) = (LinkEvents.StillDown, _options.SeverityOf(target), $"link {target} still down (for {Human(signal.Lasted ?? TimeSpan.Zero)})");
                body.AppendLine(CultureInfo.InvariantCulture, $"Link {target} has been down since {Clock(next.Since!.Value)}; the latest check: {run.Reply.Reason}.")
                    .AppendLine(CultureInfo.InvariantCulture, $"The next reminder comes in {Human(_options.RemindEvery!.Value)} if it stays down; a message follows when it is up again.");
                AppendOutput(body, run);
                break;
            case LinkSignalKind.UnknownTooLong:
                (kind, severity, subject) = (LinkEvents.Unknown, "warning", $"link {target} cannot be checked for {Human(signal.Lasted ?? TimeSpan.Zero)}: {ShortCause(run.Reply.Kind, target)}");
                body.AppendLine(CultureInfo.InvariantCulture, $"Every check of link {target} since {Clock(next.UnknownSince!.Value)} could not tell up from down: {run.Reply.Reason}.")
                    .AppendLine(CultureInfo.InvariantCulture, $"Its last known state stays in force (unknown checks never change it): {KnownState(next)}.");
                AppendOutput(body, run);
                break;
            case LinkSignalKind.KnownAgain:
                (kind, severity, subject) = (LinkEvents.Checkable, "info", $"link {target} can be checked again (after {Human(signal.Lasted ?? TimeSpan.Zero)})");
                body.AppendLine(CultureInfo.InvariantCulture, $"Link {target} answers checks again after {Human(signal.Lasted ?? TimeSpan.Zero)} of unknown results: {run.Reply.Reason}.")
                    .AppendLine(CultureInfo.InvariantCulture, $"Its state: {KnownState(next)}.");
                break;
            default:
                return null;
        }
        return new AlertRecord(now, job, kind, severity, subject, body.ToString());
    }

    private string KnownState(LinkState state) => state.State == LinkStates.Unknown
        ? "never confirmed yet"
        : $"{state.State} since {Clock(state.Since!.Value)}";

    private static void AppendOutput(StringBuilder body, NcpRun run)
    {
        var how = run.TimedOut ? "killed after the timeout"
            : run.ExitCode is { } code ? $"exit code {code.ToString(CultureInfo.InvariantCulture)}"
            : "not run";
        body.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"ncp show node {run.Target} ({how}, {(long)run.Elapsed.TotalMilliseconds} ms):");
        AppendLines(body, run.Stdout);
        if (run.Stderr.Trim().Length > 0)
        {
            body.AppendLine("stderr:");
            AppendLines(body, run.Stderr);
        }
    }

    private static void AppendLines(StringBuilder body, string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        while (lines.Count > 0 && lines[0].Length == 0)
            lines.RemoveAt(0);
        if (lines.Count == 0)
            body.AppendLine("  (nothing)");
        foreach (var line in lines.Take(MaxOutputLines))
            body.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
        if (lines.Count > MaxOutputLines)
            body.AppendLine(CultureInfo.InvariantCulture, $"  ... {lines.Count - MaxOutputLines} more lines");
    }

    /// <summary>What keeps the link from being checked, in a few words for a subject line.</summary>
    private static string ShortCause(string kind, string target) => kind switch
    {
        NcpReplyKinds.NotRunning or NcpReplyKinds.StaleSocket => "PyDECnet not running",
        NcpReplyKinds.Timeout => "PyDECnet not answering",
        NcpReplyKinds.UnknownComponent => $"ncp does not know {target}",
        NcpReplyKinds.Launch => "ncp cannot be started",
        NcpReplyKinds.CommandError => "ncp fails",
        _ => "ncp's output not understood",
    };

    private static string Checks(int count) => count == 1 ? "1 check" : string.Create(CultureInfo.InvariantCulture, $"{count} checks in a row");

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

    /// <summary>A span as a person says it: "40 s", "35 min", "2 h 5 min", "3 d 4 h".</summary>
    internal static string Human(TimeSpan span)
    {
        var s = (long)Math.Max(0, Math.Round(span.TotalSeconds));
        string Unit(long value, string unit) => string.Create(CultureInfo.InvariantCulture, $"{value} {unit}");
        if (s < 60)
            return Unit(s, "s");
        var m = s / 60;
        if (m < 60)
            return Unit(m, "min");
        var (h, mm) = (m / 60, m % 60);
        if (h < 24)
            return mm == 0 ? Unit(h, "h") : $"{Unit(h, "h")} {Unit(mm, "min")}";
        var (d, hh) = (h / 24, h % 24);
        return hh == 0 ? Unit(d, "d") : $"{Unit(d, "d")} {Unit(hh, "h")}";
    }

    /// <summary>A time as the owner reads it on the machine: local, to the second.</summary>
    private string Clock(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, _services.Time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
