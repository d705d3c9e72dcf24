using HecnetJobs.Config;

namespace HecnetJobs.Jobs;

/// <summary>
/// Exercises the runner itself: it takes <c>duration</c> and ends with the <c>outcome</c> it is told. Useful to check
/// that scheduling, <c>trigger --wait</c>, history and alerting work without touching PyDECnet.
/// </summary>
public sealed class SelftestJob(TimeProvider time) : IHecnetJob
{
    /// <summary>job-data-map key: <c>success</c> (default) or <c>failure</c>.</summary>
    public const string OutcomeKey = "outcome";

    /// <summary>job-data-map key: how long the run takes, e.g. <c>2s</c>. Default 0.</summary>
    public const string DurationKey = "duration";

    public static readonly JobType Type = new(
        "selftest",
        "checks the runner: waits 'duration', then ends with 'outcome'",
        new Dictionary<string, Func<string, string?>>
        {
            [OutcomeKey] = v => v is "success" or "failure" ? null : "expected success or failure",
            [DurationKey] = v => Duration.TryParse(v, out _) || v == "0" ? null : "expected a duration such as 2s",
        },
        services => new SelftestJob(services.Time));

    public async ValueTask<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var duration = context.Data.TryGetValue(DurationKey, out var text) && Duration.TryParse(text, out var parsed) ? parsed : TimeSpan.Zero;
        if (duration > TimeSpan.Zero)
            await Task.Delay(duration, time, cancellationToken);
        var fail = context.Data.TryGetValue(OutcomeKey, out var outcome) && outcome == "failure";
        return fail
            ? JobOutcome.Failure($"selftest failed on purpose after {Config.Duration.Format(duration)}")
            : JobOutcome.Success($"selftest passed after {Config.Duration.Format(duration)}");
    }
}
