namespace HecnetJobs.Tests.Support;

/// <summary>Waits for a condition on real I/O with a deadline, and says what it was waiting for when it gives up.</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, string what, Func<string>? state = null, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > limit)
                throw new TimeoutException($"gave up after {limit.TotalSeconds}s waiting for: {what}\n{state?.Invoke()}");
            await Task.Delay(50);
        }
    }
}
