namespace HecnetJobs.Status;

/// <summary>One thing <see cref="VitalsJudge"/> found wrong with the host, as a level, what it is about and a one-line text.</summary>
/// <param name="Level"><see cref="Warning"/> or <see cref="Critical"/>.</param>
/// <param name="Subject">What was measured, stable between runs: "disk PATH", "memory" or "load".</param>
/// <param name="Text">The line a person reads, starting with the subject.</param>
public sealed record VitalsFinding(string Level, string Subject, string Text)
{
    public const string Warning = "warning";
    public const string Critical = "critical";
}
