using System.Net.Http.Headers;

namespace HecnetJobs.Names;

/// <summary>Reads a server's <c>Retry-After</c> header (RFC 9110 §10.2.3) as a wait from now.</summary>
public static class RetryAfter
{
    /// <summary>The wait the header asks for: its seconds, or the time until its HTTP date (zero when that is past); null when there is no header.</summary>
    public static TimeSpan? Wait(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
