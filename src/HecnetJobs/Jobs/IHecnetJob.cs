namespace HecnetJobs.Jobs;

/// <summary>One kind of work HecnetJobs does. The same instance runs under Quartz in the daemon and directly in a one-shot CLI run.</summary>
public interface IHecnetJob
{
    /// <summary>Does the work. Throws <see cref="HecnetJobsException"/> for failures the user should read as they are; cancellation is not a failure.</summary>
    ValueTask<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken);
}

/// <summary>What a job is told about the run it is doing.</summary>
/// <param name="JobName">The name from jobs.xml (<c>housekeeping</c>, <c>link-probe-mim</c>, ...).</param>
/// <param name="Data">The merged job-data-map of the job and the trigger that fired it.</param>
/// <param name="Origin">Who started the run: <c>schedule</c>, <c>request</c> (a CLI trigger handed to the daemon) or <c>cli</c> (a one-shot run).</param>
public sealed record JobRunContext(string JobName, IReadOnlyDictionary<string, string> Data, string Origin);

/// <summary>How a run ended, with one line for a person.</summary>
public sealed record JobOutcome(bool Succeeded, string Summary)
{
    public static JobOutcome Success(string summary) => new(true, summary);

    public static JobOutcome Failure(string summary) => new(false, summary);
}
