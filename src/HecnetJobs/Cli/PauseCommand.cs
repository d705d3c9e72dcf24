using System.CommandLine;
using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Store;

namespace HecnetJobs.Cli;

/// <summary>
/// <c>hecnetjobs pause JOB|all [--for 2h] [--reason TEXT]</c> and <c>hecnetjobs resume JOB|all</c>: maintenance without
/// the watchdog fighting back. A pause always ends by itself (pause.default, at most pause.max).
/// </summary>
internal static class PauseCommand
{
    private static readonly Option<string?> For = new("--for") { Description = "How long (default pause.default, 2h; at most pause.max, 24h)", HelpName = "DURATION" };
    private static readonly Option<string?> Reason = new("--reason") { Description = "Why, shown by status and in the digest", HelpName = "TEXT" };

    public static Command CreatePause()
    {
        var job = new Argument<string>("JOB") { Description = "A job's name in jobs.xml, or 'all'" };
        var command = new Command("pause", "Stop running a job (or all jobs) for a while, e.g. while upgrading PyDECnet; it resumes by itself.") { job, For, Reason };
        command.Validators.Add(result =>
        {
            if (result.GetValue(For) is { } text && (!Duration.TryParse(text, out var value) || value <= TimeSpan.Zero))
                result.AddError($"--for: '{text}' is not a duration above zero (e.g. 2h)");
        });
        command.SetAction(parse =>
        {
            var options = CommonOptions.LoadConfig(parse);
            var name = CheckJob(options, parse.GetValue(job)!);
            var length = parse.GetValue(For) is { } text && Duration.TryParse(text, out var parsed) ? parsed : options.Pause.Default;
            if (length > options.Pause.Max)
                throw new HecnetJobsException($"--for: '{Duration.Format(length)}' is longer than pause.max ('{Duration.Format(options.Pause.Max)}'); a pause must end by itself", ExitCodes.Usage);
            var now = TimeProvider.System.GetUtcNow();
            var by = Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } sudo ? sudo : Environment.UserName;
            var pause = new Pause(name, now, now + length, parse.GetValue(Reason), by);
            Store(options).Set(pause);
            var until = TimeZoneInfo.ConvertTime(pause.Until, TimeZoneInfo.Local);
            parse.InvocationConfiguration.Output.WriteLine($"{name}: paused until {until:yyyy-MM-dd HH:mm} ({Duration.Format(length)}){(pause.Reason is { } r ? $": {r}" : "")}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateResume()
    {
        var job = new Argument<string>("JOB") { Description = "A job's name in jobs.xml, or 'all'" };
        var command = new Command("resume", "End a pause now.") { job };
        command.SetAction(parse =>
        {
            var options = CommonOptions.LoadConfig(parse);
            var name = CheckJob(options, parse.GetValue(job)!);
            var cleared = Store(options).Clear(name, TimeProvider.System.GetUtcNow());
            parse.InvocationConfiguration.Output.WriteLine(cleared == 0
                ? $"{name}: was not paused"
                : name == PauseStore.All ? $"resumed {cleared} paused job(s)" : $"{name}: resumed");
            return ExitCodes.Success;
        });
        return command;
    }

    private static PauseStore Store(HecnetJobsOptions options)
    {
        DataDirectory.Prepare(options);
        var database = new Database(options.DatabaseFile);
        database.Migrate();
        return new PauseStore(database);
    }

    /// <summary>The job must exist in jobs.xml (a typo must not pause nothing while the owner thinks it paused the watchdog).</summary>
    private static string CheckJob(HecnetJobsOptions options, string name)
    {
        if (name == PauseStore.All)
            return name;
        var schedule = new JobsXmlReader(JobCatalog.Types).ReadFile(options.JobsFile);
        if (schedule.Find(name) is null)
            throw new HecnetJobsException($"{options.JobsFile}: no job named '{name}' (jobs: {string.Join(", ", schedule.Jobs.Select(j => j.Name))}, or 'all')", ExitCodes.NoSuchJob);
        return name;
    }
}
