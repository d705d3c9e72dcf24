namespace HecnetJobs.Jobs;

/// <summary>The next state of a link and the signals one check raised (none for most checks).</summary>
public sealed record LinkStep(LinkState Next, IReadOnlyList<LinkSignal> Signals);
