using HecnetJobs.Config;
using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Status;
using HecnetJobs.Store;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Cli;

/// <summary>The work behind <c>trigger</c>: hand the job to the daemon through the store, or run it here under the lock.</summary>
internal sealed class TriggerRun(HecnetJobsOptions options, ILoggerFactory loggerFactory, TimeProvider time, TextWriter output, TextWriter error)
{
    /// <summary>How often a waiting CLI looks at its request; well under the 2 s the daemon has to pick it up.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<int> RunAsync(string jobName, bool wait, TimeSpan timeout, bool reset, CancellationToken cancellationToken)
    {
        DataDirectory.Prepare(options);
        // A broken jobs.xml edit does not stop a running daemon (it keeps the schedules in force), so it must not stop
        // a hand-off to it either; only a run in this process needs the file to be valid.
        var schedule = TryReadSchedule(out var scheduleError);
        if (schedule is not null && schedule.Find(jobName) is null)
            throw NoSuchJob(schedule, jobName);
        var database = new Database(options.DatabaseFile);
        if (reset)
            ResetBackoff(database, schedule, jobName);

        using (var instanceLock = InstanceLock.TryAcquire(options.LockFile, out var holder))
        {
            if (instanceLock is not null)
            {
                var job = (schedule ?? throw scheduleError!).Find(jobName)!;
                return await RunHereAsync(database, schedule, job, null, wait, cancellationToken);
            }

            // The daemon holds the lock: it has migrated the store, so only a row is written here.
            var requests = new TriggerRequestStore(database);
            var id = requests.Add(jobName, Environment.ProcessId, time.GetUtcNow());
            if (!wait)
            {
                output.WriteLine($"{jobName}: handed to the daemon{(holder is { } pid ? $" (PID {pid})" : "")} as request {id}");
                return ExitCodes.Success;
            }
            return await WaitForDaemonAsync(database, jobName, id, timeout, cancellationToken);
        }
    }

    /// <summary><c>--print</c>: the message a daily-digest job would send now; nothing is queued or recorded, so no lock is needed.</summary>
    public int PrintDigest(string jobName)
    {
        DataDirectory.Prepare(options);
        var schedule = TryReadSchedule(out var scheduleError) ?? throw scheduleError!;
        var job = schedule.Find(jobName) ?? throw NoSuchJob(schedule, jobName);
        if (job.Type != DailyDigestJob.Type.Name)
            throw new HecnetJobsException($"--print: '{jobName}' is a {job.Type} job; --print shows a daily-digest job's message", ExitCodes.Usage);
        var database = new Database(options.DatabaseFile);
        database.Migrate();
        var digest = DailyDigestJob.Build(new JobServices(options, database, time, loggerFactory));
        output.WriteLine($"Subject: [HECnet {options.Alerts.NodeName}] {digest.Subject}");
        output.WriteLine();
        output.Write(digest.Text);
        return ExitCodes.Success;
    }

    /// <summary><c>--reset</c>: clears a watchdog's restart back-off before the run, so it may restart PyDECnet at once.</summary>
    private void ResetBackoff(Database database, JobSchedule? schedule, string jobName)
    {
        if (schedule?.Find(jobName) is { } job && job.Type != WatchdogJob.Type.Name)
            throw new HecnetJobsException($"--reset: '{jobName}' is a {job.Type} job; --reset clears a watchdog's restart back-off", ExitCodes.Usage);
        database.Migrate();
        new WatchdogStore(database).Reset(jobName, time.GetUtcNow());
    }

    private JobSchedule? TryReadSchedule(out HecnetJobsException? error)
    {
        try
        {
            error = null;
            return new JobsXmlReader(JobCatalog.Types).ReadFile(options.JobsFile);
        }
        catch (HecnetJobsException e)
        {
            error = e;
            return null;
        }
    }

    private HecnetJobsException NoSuchJob(JobSchedule schedule, string jobName) => new(
        $"{options.JobsFile}: no job named '{jobName}' (jobs: {string.Join(", ", schedule.Jobs.Select(j => j.Name))})",
        ExitCodes.NoSuchJob);

    private async Task<int> WaitForDaemonAsync(Database database, string jobName, long id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var requests = new TriggerRequestStore(database);
        var started = time.GetTimestamp();
        while (true)
        {
            if (requests.Result(id) is { } done)
                return Report(jobName, done.Result, done.Summary, wait: true);

            // The daemon may have stopped with our request still open: then this process takes the lock and runs it.
            using (var instanceLock = InstanceLock.TryAcquire(options.LockFile, out _))
            {
                if (instanceLock is not null)
                {
                    requests.ReleaseOrphans();
                    if (!requests.TryClaim(id, time.GetUtcNow()))
                        continue;
                    var schedule = TryReadSchedule(out var error) ?? throw error!;
                    var job = schedule.Find(jobName) ?? throw NoSuchJob(schedule, jobName);
                    return await RunHereAsync(database, schedule, job, id, wait: true, cancellationToken);
                }
            }

            if (time.GetElapsedTime(started) > timeout)
            {
                throw new HecnetJobsException(
                    $"{jobName}: the daemon has not finished request {id} within {Duration.Format(timeout)}; it stays queued (see 'hecnetjobs status' and the log)",
                    ExitCodes.TempFail);
            }
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task<int> RunHereAsync(Database database, JobSchedule schedule, JobDefinition job, long? requestId, bool wait, CancellationToken cancellationToken)
    {
        database.Migrate();
        var runs = new JobRunStore(database);
        runs.CloseOrphans(time.GetUtcNow());
        using var status = new StatusPublisher(options, runs, time, loggerFactory, "oneshot") { Schedule = schedule };
        var runner = new JobRunner(new JobServices(options, database, time, loggerFactory), runs, status.PublishAsync);
        var result = await runner.RunAsync(job, job.Data, "cli", cancellationToken);
        // No daemon delivers for a one-shot run: what it raised (and what earlier runs left queued) goes out now.
        if (await new Alerts.AlertOutbox(options, database, time, loggerFactory).DeliverDueAsync(cancellationToken) > 0)
            await status.PublishAsync(cancellationToken);
        if (requestId is { } id)
            new TriggerRequestStore(database).Finish(id, result.RunId, result.Result, result.Summary, time.GetUtcNow());
        return Report(job.Name, result.Result, result.Summary, wait);
    }

    /// <summary>Prints the outcome (success only with --wait, to keep cron quiet; failures always, on stderr) and picks the exit code.</summary>
    private int Report(string job, string result, string summary, bool wait)
    {
        if (result is JobRunResult.Success or JobRunResult.Skipped)
        {
            if (wait)
                output.WriteLine($"{job}: {result}: {summary}");
            return ExitCodes.Success;
        }
        error.WriteLine($"{job}: {result}: {summary}");
        return ExitCodes.JobFailed;
    }
}
