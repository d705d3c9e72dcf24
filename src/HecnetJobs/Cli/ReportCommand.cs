using System.CommandLine;
using HecnetJobs.Config;
using HecnetJobs.Reports;
using HecnetJobs.Store;

namespace HecnetJobs.Cli;

/// <summary>
/// <c>hecnetjobs report [--since 7d] [--format text|csv|json]</c>: the evidence an owner sends to an ISP or a neighbour —
/// PyDECnet's availability, every outage with start, end and length, every restart with its reason, and each link-probe
/// target's availability and outages — from the history.
/// It only reads the database, so it works beside a running daemon.
/// </summary>
internal static class ReportCommand
{
    private static readonly Option<string> Since = new("--since") { Description = "How far back (default 7d; at most the history kept, housekeeping.retention)", HelpName = "DURATION", DefaultValueFactory = _ => "7d" };
    private static readonly Option<string> Format = new("--format") { Description = "text (default), csv or json", HelpName = "FORMAT", DefaultValueFactory = _ => "text" };

    public static Command Create()
    {
        var command = new Command("report", "Print PyDECnet's availability, outages and restarts, and each link's availability and outages, over a period, as text, CSV or JSON.") { Since, Format };
        command.Validators.Add(result =>
        {
            if (result.GetValue(Since) is { } text && (!Duration.TryParse(text, out var value) || value <= TimeSpan.Zero))
                result.AddError($"--since: '{text}' is not a duration above zero (e.g. 7d)");
            if (result.GetValue(Format) is { } format && !ReportWriter.Formats.Contains(format))
                result.AddError($"--format: '{format}' is not one of {string.Join(", ", ReportWriter.Formats)}");
        });
        command.SetAction(parse =>
        {
            var options = CommonOptions.LoadConfig(parse);
            var database = new Database(options.DatabaseFile);
            if (!File.Exists(database.Path))
                throw new HecnetJobsException($"{options.DatabaseFile}: no database yet (HecnetJobs has not run with this config)", ExitCodes.NoSuchJob);
            database.Migrate();
            var since = Duration.TryParse(parse.GetValue(Since)!, out var parsed) ? parsed : TimeSpan.FromDays(7);
            var time = TimeProvider.System;
            var to = time.GetUtcNow();
            var reports = PydecnetReport.Build(database, to - since, to);
            var links = LinkReport.Build(database, to - since, to);
            parse.InvocationConfiguration.Output.Write(new ReportWriter(options.Alerts.NodeName, time.LocalTimeZone).Write(parse.GetValue(Format)!, reports, links, to - since, to));
            return ExitCodes.Success;
        });
        return command;
    }
}
