using System.CommandLine;
using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Names;
using HecnetJobs.Scheduling;
using HecnetJobs.Store;

namespace HecnetJobs.Cli;

/// <summary><c>hecnetjobs check</c>: validates the config file and jobs.xml, and says exactly what is wrong.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Validate the config file and jobs.xml; print every problem, one per line (exit code 78 when any).");
        command.SetAction(parse =>
        {
            var options = CommonOptions.LoadConfig(parse);
            var (problems, schedule) = Validate(options);
            if (problems.Count > 0)
                throw new HecnetJobsException(string.Join('\n', problems), ExitCodes.Config);
            Report(parse.InvocationConfiguration.Output, options, schedule!);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What <c>check</c> finds wrong beyond the config file itself (jobs.xml, what its jobs need, the data folder); <c>setup</c> runs it too.</summary>
    public static (IReadOnlyList<string> Problems, JobSchedule? Schedule) Validate(HecnetJobsOptions options)
    {
        var problems = new List<string>();
        JobSchedule? schedule = null;
        try
        {
            schedule = new JobsXmlReader(JobCatalog.Types).ReadFile(options.JobsFile);
        }
        catch (HecnetJobsException e)
        {
            problems.Add(e.Message);
        }
        if (schedule is not null)
            problems.AddRange(JobRequirements.Problems(options, schedule));
        if (DataDirectory.Check(options.DataDir, create: false) is { } dataProblem)
            problems.Add($"{options.ConfigFile}: 'dataDir': '{options.DataDir}' {dataProblem}");
        return (problems, schedule);
    }

    /// <summary>The lines <c>check</c> prints for a valid config: the files and every job's schedule.</summary>
    public static void Report(TextWriter output, HecnetJobsOptions options, JobSchedule schedule)
    {
        output.WriteLine($"{options.ConfigFile}: OK");
        output.WriteLine($"{options.JobsFile}: OK, {schedule.Jobs.Count} job(s)");
        foreach (var job in schedule.Jobs)
            output.WriteLine($"  {job.Name} ({job.Type}): {Describe(job)}");
        foreach (var warning in Warnings(options, schedule))
            output.WriteLine(warning);
    }

    /// <summary>What is valid but probably not meant: lines <c>check</c> prints after OK, without failing.</summary>
    public static IEnumerable<string> Warnings(HecnetJobsOptions options, JobSchedule? schedule = null)
    {
        var alerts = options.Alerts;
        if (alerts.Eml is null && alerts.Smtp is null && alerts.Webhook is null)
            yield return $"{options.ConfigFile}: warning: 'alerts': no channel delivers alerts (alerts.eml.enabled is false and there is no smtp or webhook section); they are recorded, and nobody is told";
        // Not an error: the daemon must still start for the watchdog's sake, but this job would fail at every run.
        var refreshers = schedule?.Jobs.Where(j => j.Type == NameRefreshJob.Type.Name).Select(j => j.Name).ToList() ?? [];
        if (refreshers.Count > 0 && NamesTarget(options) is { } problem)
        {
            var prefix = options.ConfigFile + ": ";
            var what = problem.StartsWith(prefix, StringComparison.Ordinal) ? problem[prefix.Length..] : problem;
            yield return $"{options.ConfigFile}: warning: {what}; until then jobs.xml's name-refresh job{(refreshers.Count == 1 ? "" : "s")} {string.Join(", ", refreshers)} fail{(refreshers.Count == 1 ? "s" : "")}";
        }
    }

    private static string? NamesTarget(HecnetJobsOptions options)
    {
        try
        {
            NamesTargetFinder.Find(options);
            return null;
        }
        catch (HecnetJobsException e)
        {
            return e.Message;
        }
    }

    private static string Describe(JobDefinition job) => job.Triggers.Count == 0
        ? "no trigger (runs only when triggered)"
        : string.Join("; ", job.Triggers.Select(t => t switch
        {
            SimpleTriggerDefinition s => $"every {Duration.Format(s.RepeatInterval)}{(s.RepeatCount >= 0 ? $", {s.RepeatCount + 1} times" : "")}, misfire {s.MisfireInstruction}",
            CronTriggerDefinition c => $"cron '{c.Expression}'{(c.TimeZone is null ? "" : $" {c.TimeZone}")}, misfire {c.MisfireInstruction}",
            _ => t.Name,
        }));
}
