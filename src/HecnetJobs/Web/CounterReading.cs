namespace HecnetJobs.Web;

/// <summary>The counters at one reading, sorted by their labels.</summary>
public sealed record CounterReading(
    long Restarts,
    long StartFailures,
    IReadOnlyList<(string Job, string Outcome, long Count)> Runs,
    IReadOnlyList<(string Target, string Verdict, long Count)> Checks);
