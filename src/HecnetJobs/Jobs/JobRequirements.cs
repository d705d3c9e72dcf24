using HecnetJobs.Config;
using HecnetJobs.Pydecnet;
using HecnetJobs.Scheduling;

namespace HecnetJobs.Jobs;

/// <summary>What the scheduled jobs need from the config: a watchdog needs to know how to start PyDECnet.</summary>
public static class JobRequirements
{
    /// <summary>One line per missing or unusable setting that a job of <paramref name="schedule"/> needs.</summary>
    public static IReadOnlyList<string> Problems(HecnetJobsOptions options, JobSchedule schedule)
    {
        var problems = LinkProbeJob.Problems(options, schedule).ToList();
        var watchdogs = schedule.Jobs.Where(j => j.Type == WatchdogJob.Type.Name).Select(j => j.Name).ToList();
        if (watchdogs.Count == 0)
            return problems;
        var who = $"jobs.xml has watchdog job{(watchdogs.Count == 1 ? "" : "s")} {string.Join(", ", watchdogs)}";
        if (options.Pydecnet.Command is null)
            problems.Add($"{options.ConfigFile}: 'pydecnet.command': missing; {who}, which must know the program that starts PyDECnet (e.g. \"/usr/local/bin/pydecnet\")");
        else if (PydecnetController.ResolveCommand(options.Pydecnet.Command, out var problem) is null)
            problems.Add($"{options.ConfigFile}: {problem}");
        if (!Directory.Exists(options.Pydecnet.WorkingDirectory))
            problems.Add($"{options.ConfigFile}: 'pydecnet.workingDirectory': '{options.Pydecnet.WorkingDirectory}' does not exist");
        return problems;
    }
}
