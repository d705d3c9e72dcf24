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

    public async Task<int> RunAsync(string jobName, bool wait, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DataDirectory.Prepare(options);
        var schedule = new JobsXmlReader(JobCatalog.Types).ReadFile(options.JobsFile);
        var job = schedule.Find(jobName) ?? throw new HecnetJobsException(
            $"{options.JobsFile}: no job named '{jobName}' (jobs: {string.Join(", ", schedule.Jobs.Select(j => j.Name))})",
            ExitCodes.NoSuchJob);
        var database = new Database(options.DatabaseFile);

        using (var instanceLock = InstanceLock.TryAcquire(options.LockFile, out var holder))
        {
            if (instanceLock is not null)
                return await RunHereAsync(database, schedule, job, null, wait, cancellationToken);

            // The daemon holds the lock: it has migrated the store, so only a row is written here.
            var requests = new TriggerRequestStore(database);
            var id = requests.Add(job.Name, Environment.ProcessId, time.GetUtcNow());
            if (!wait)
            {
                output.WriteLine($"{job.Name}: handed to the daemon{(holder is { } pid ? $" (PID {pid})" : "")} as request {id}");
                return ExitCodes.Success;
            }
            return await WaitForDaemonAsync(database, schedule, job, id, timeout, cancellationToken);
        }
    }

    private async Task<int> WaitForDaemonAsync(Database database, JobSchedule schedule, JobDefinition job, long id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var requests = new TriggerRequestStore(database);
        var started = time.GetTimestamp();
        while (true)
        {
            if (requests.Result(id) is { } done)
                return Report(job.Name, done.Result, done.Summary, wait: true);

            // The daemon may have stopped with our request still open: then this process takes the lock and runs it.
            using (var instanceLock = InstanceLock.TryAcquire(options.LockFile, out _))
            {
                if (instanceLock is not null)
                {
                    requests.ReleaseOrphans();
                    if (requests.TryClaim(id, time.GetUtcNow()))
                        return await RunHereAsync(database, schedule, job, id, wait: true, cancellationToken);
                    continue;
                }
            }

            if (time.GetElapsedTime(started) > timeout)
            {
                throw new HecnetJobsException(
                    $"{job.Name}: the daemon has not finished request {id} within {Duration.Format(timeout)}; it stays queued (see 'hecnetjobs status' and the log)",
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
        if (requestId is { } id)
            new TriggerRequestStore(database).Finish(id, result.RunId, result.Result, result.Summary, time.GetUtcNow());
        return Report(job.Name, result.Result, result.Summary, wait);
    }

    /// <summary>Prints the outcome (success only with --wait, to keep cron quiet; failures always, on stderr) and picks the exit code.</summary>
    private int Report(string job, string result, string summary, bool wait)
    {
        if (result == JobRunResult.Success)
        {
            if (wait)
                output.WriteLine($"{job}: success: {summary}");
            return ExitCodes.Success;
        }
        error.WriteLine($"{job}: {result}: {summary}");
        return ExitCodes.JobFailed;
    }
}
