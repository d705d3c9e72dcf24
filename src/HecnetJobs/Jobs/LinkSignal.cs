namespace HecnetJobs.Jobs;

/// <summary>One change a check caused, with the state before it and how long the ended (or ongoing) condition lasted.</summary>
/// <param name="Before">The link's state before the check.</param>
/// <param name="Lasted">
/// Down / Up: how long the previous confirmed state lasted, from its first check to the first check of the new one
/// (null when there was none). StillDown: how long the link has been down. UnknownTooLong / KnownAgain: how long the
/// checks have been unknown.
/// </param>
public sealed record LinkSignal(LinkSignalKind Kind, LinkState Before, TimeSpan? Lasted);
