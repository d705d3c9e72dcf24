using System.Net.Http.Headers;
using HecnetJobs.Jobs;
using HecnetJobs.Names;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Jobs;

/// <summary>Waits that depend on the clock, on a fake one: Retry-After, the back-off against a real server, and the quiet hour.</summary>
public sealed class NameRefreshClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retry_after_in_seconds_is_that_wait()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfter.Wait(RetryConditionHeaderValue.Parse("120"), Start));
    }

    [Fact]
    public void Retry_after_as_a_date_is_the_time_until_then_on_the_given_clock()
    {
        var header = RetryConditionHeaderValue.Parse("Mon, 23 Nov 2026 14:05:00 GMT");

        Assert.Equal(TimeSpan.FromMinutes(5), RetryAfter.Wait(header, Start));
        Assert.Equal(TimeSpan.Zero, RetryAfter.Wait(header, Start + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void No_retry_after_header_leaves_the_wait_to_the_back_off()
    {
        Assert.Null(RetryAfter.Wait(null, Start));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_429_with_retry_after_is_retried_only_once_that_much_fake_time_has_passed()
    {
        using var rig = new NameRefreshRig();
        var clock = new FakeTimeProvider(Start);
        rig.Time = clock;
        rig.Names = new() { Timeout = TimeSpan.FromMinutes(10), Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(1), Restart = NamesRestartMode.Off };
        await using var server = await NameRefreshListServer.StartAsync();
        var arrivals = new DateTimeOffset[3];
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OnRequest = n =>
        {
            arrivals[n] = clock.GetUtcNow();
            if (n == 2)
                second.SetResult();
        };
        server.Handler = (c, n) =>
        {
            if (n == 2)
                return NameRefreshListServer.Serve(c, NameRefreshRig.NodenamesDat);
            c.Response.Headers.RetryAfter = "120";
            c.Response.StatusCode = 429;
            return Task.CompletedTask;
        };

        var run = rig.RunAsync(server.Url);
        // The retry waits on the fake clock: move it a second at a time until the second request arrives.
        while (!second.Task.IsCompleted && !run.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(second.Task, Task.Delay(5));
        }
        var outcome = await run;

        Assert.True(outcome.Succeeded, outcome.Summary);
        Assert.InRange(arrivals[2] - arrivals[1], TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(5));
        Assert.Equal("attempt 1: HTTP 429 Too Many Requests, Retry-After 2m; retried after 2m", rig.Events(NameRefreshEvents.Changed).Single().Detail.Split('\n')[^1]);
    }

    [Fact]
    public void The_quiet_hour_later_today_is_today()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

        var next = QuietHours.Next(Start, new TimeOnly(16, 30), zone);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void A_quiet_hour_already_past_today_is_tomorrow()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

        var next = QuietHours.Next(Start, new TimeOnly(4, 0), zone);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void A_quiet_hour_skipped_by_the_spring_clock_change_moves_an_hour_later()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        var saturday = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);

        var next = QuietHours.Next(saturday, new TimeOnly(2, 30), zone);

        // 02:30 does not exist on 29 March 2026 in Stockholm; 03:30 CEST is 01:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), next);
    }
}
