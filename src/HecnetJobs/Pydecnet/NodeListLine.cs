namespace HecnetJobs.Pydecnet;

/// <summary>A line of a node list kept for reporting, with its 1-based number and its text (white space trimmed).</summary>
public sealed record NodeListLine(int LineNumber, string Text);
