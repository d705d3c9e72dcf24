namespace HecnetJobs.Reports;

/// <summary>The daily digest's subject (after the <c>[HECnet NODE]</c> prefix) and text.</summary>
public sealed record Digest(string Subject, string Text);
