namespace HecnetJobs.Store;

/// <summary>An alert record, kept until delivered. <see cref="Severity"/> is <c>critical</c>, <c>warning</c> or <c>info</c>; <see cref="Subject"/> is short enough for a phone's inbox.</summary>
public sealed record AlertRecord(DateTimeOffset RaisedAt, string Source, string Kind, string Severity, string Subject, string Body);
