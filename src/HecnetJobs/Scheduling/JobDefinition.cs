namespace HecnetJobs.Scheduling;

/// <summary>One <c>&lt;job&gt;</c> of jobs.xml with the triggers that name it.</summary>
/// <param name="Name">The job's name, unique in the file; <c>hecnetjobs trigger NAME</c> uses it.</param>
/// <param name="Type">The HecnetJobs job type (<c>housekeeping</c>, ...), not a CLR type.</param>
public sealed record JobDefinition(
    string Name,
    string Group,
    string Type,
    string? Description,
    IReadOnlyDictionary<string, string> Data,
    IReadOnlyList<TriggerDefinition> Triggers);

/// <summary>The parts every trigger has.</summary>
public abstract record TriggerDefinition(
    string Name,
    string Group,
    string JobName,
    string? Description,
    int Priority,
    string MisfireInstruction,
    DateTimeOffset? StartTime,
    TimeSpan? StartDelay,
    DateTimeOffset? EndTime,
    IReadOnlyDictionary<string, string> Data);

/// <summary>A <c>&lt;simple&gt;</c> trigger: every <see cref="RepeatInterval"/>, <see cref="RepeatCount"/> more times (-1 forever).</summary>
public sealed record SimpleTriggerDefinition(
    string Name, string Group, string JobName, string? Description, int Priority, string MisfireInstruction,
    DateTimeOffset? StartTime, TimeSpan? StartDelay, DateTimeOffset? EndTime, IReadOnlyDictionary<string, string> Data,
    int RepeatCount,
    TimeSpan RepeatInterval)
    : TriggerDefinition(Name, Group, JobName, Description, Priority, MisfireInstruction, StartTime, StartDelay, EndTime, Data);

/// <summary>A <c>&lt;cron&gt;</c> trigger, in <see cref="TimeZone"/> (local time when absent).</summary>
public sealed record CronTriggerDefinition(
    string Name, string Group, string JobName, string? Description, int Priority, string MisfireInstruction,
    DateTimeOffset? StartTime, TimeSpan? StartDelay, DateTimeOffset? EndTime, IReadOnlyDictionary<string, string> Data,
    string Expression,
    string? TimeZone)
    : TriggerDefinition(Name, Group, JobName, Description, Priority, MisfireInstruction, StartTime, StartDelay, EndTime, Data);

/// <summary>Everything read from jobs.xml.</summary>
/// <param name="OverwriteExisting">From <c>processing-directives/overwrite-existing-data</c> (default true): a changed job replaces the stored one.</param>
public sealed record JobSchedule(IReadOnlyList<JobDefinition> Jobs, bool OverwriteExisting)
{
    public JobDefinition? Find(string name) => Jobs.FirstOrDefault(j => j.Name == name);
}
