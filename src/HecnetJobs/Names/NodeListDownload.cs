namespace HecnetJobs.Names;

/// <summary>What a download brought: the list's text, or word that it has not changed since the validators sent.</summary>
/// <param name="NotModified">The server answered 304 to the conditional GET: the list is the one accepted last time.</param>
/// <param name="Text">The list as UTF-8 text; empty when <paramref name="NotModified"/>.</param>
/// <param name="Validators">The validators of this response, to send next time; empty for a file.</param>
/// <param name="Attempts">How many requests it took (1 when the first one answered).</param>
/// <param name="Notes">One line per failed attempt and wait, e.g. <c>attempt 1: HTTP 503 Service Unavailable; retried after 2s</c>.</param>
public sealed record NodeListDownload(bool NotModified, string Text, ConditionalGet Validators, int Attempts, IReadOnlyList<string> Notes);
