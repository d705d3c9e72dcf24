namespace HecnetJobs.Store;

/// <summary>An alert waiting for one channel, with its delivery state.</summary>
/// <param name="MessageId">Set while a message holding this alert may be on its way (written before sending); a crash leaves it, and the resend reuses it.</param>
public sealed record QueuedAlert(long Id, AlertRecord Alert, int Attempts, string? MessageId);
