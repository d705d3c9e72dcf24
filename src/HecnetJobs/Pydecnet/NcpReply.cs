namespace HecnetJobs.Pydecnet;

/// <summary>The judgement of one <c>ncp show node TARGET</c> run: the verdict, a stable kind word, a one-line reason for a person, and the matched row.</summary>
/// <param name="Kind">One of the <see cref="NcpReplyKinds"/> words; stable, so alerts and the store can key on it.</param>
/// <param name="Reason">One short sentence naming the node and the cause, fit for an alert read on a phone.</param>
/// <param name="Row">The table row naming the target, when there was one.</param>
public sealed record NcpReply(LinkVerdict Verdict, string Kind, string Reason, NcpNodeRow? Row);
