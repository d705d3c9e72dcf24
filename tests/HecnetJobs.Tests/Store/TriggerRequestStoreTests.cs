using HecnetJobs.Store;
using Microsoft.Extensions.Time.Testing;

namespace HecnetJobs.Tests.Store;

public sealed class TriggerRequestStoreTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 4, 0, 0, TimeSpan.Zero));
    private readonly TriggerRequestStore _requests;

    public TriggerRequestStoreTests()
    {
        _requests = new TriggerRequestStore(_db.Database);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Claim_open_returns_every_request_once_in_id_order()
    {
        var first = _requests.Add("housekeeping", 100, _time.GetUtcNow());
        var second = _requests.Add("selftest", 101, _time.GetUtcNow());
        var third = _requests.Add("housekeeping", 102, _time.GetUtcNow());

        var claimed = _requests.ClaimOpen(_time.GetUtcNow());

        Assert.Equal([new TriggerRequest(first, "housekeeping"), new TriggerRequest(second, "selftest"), new TriggerRequest(third, "housekeeping")], claimed);
        Assert.True(first < second && second < third, $"ids {first}, {second}, {third} are not increasing");
    }

    [Fact]
    public void A_claimed_request_is_not_claimed_again()
    {
        _requests.Add("housekeeping", 100, _time.GetUtcNow());
        _requests.ClaimOpen(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(_requests.ClaimOpen(_time.GetUtcNow()));
    }

    [Fact]
    public void A_request_added_after_a_claim_is_claimed_alone()
    {
        _requests.Add("housekeeping", 100, _time.GetUtcNow());
        _requests.ClaimOpen(_time.GetUtcNow());
        var later = _requests.Add("selftest", 101, _time.GetUtcNow());

        Assert.Equal([new TriggerRequest(later, "selftest")], _requests.ClaimOpen(_time.GetUtcNow()));
    }

    [Fact]
    public void Try_claim_succeeds_only_once()
    {
        var id = _requests.Add("housekeeping", 100, _time.GetUtcNow());

        Assert.True(_requests.TryClaim(id, _time.GetUtcNow()));
        Assert.False(_requests.TryClaim(id, _time.GetUtcNow()));
    }

    [Fact]
    public void A_request_claimed_by_try_claim_is_not_in_claim_open()
    {
        var id = _requests.Add("housekeeping", 100, _time.GetUtcNow());
        _requests.TryClaim(id, _time.GetUtcNow());

        Assert.Empty(_requests.ClaimOpen(_time.GetUtcNow()));
    }

    [Fact]
    public void Try_claim_of_a_request_claim_open_took_fails()
    {
        var id = _requests.Add("housekeeping", 100, _time.GetUtcNow());
        _requests.ClaimOpen(_time.GetUtcNow());

        Assert.False(_requests.TryClaim(id, _time.GetUtcNow()));
    }

    [Fact]
    public void Result_is_null_while_a_request_is_pending_or_running()
    {
        var id = _requests.Add("housekeeping", 100, _time.GetUtcNow());
        var pending = _requests.Result(id);
        _requests.TryClaim(id, _time.GetUtcNow());

        var running = _requests.Result(id);

        Assert.Null(pending);
        Assert.Null(running);
    }

    [Fact]
    public void Result_gives_the_outcome_once_finished()
    {
        var id = _requests.Add("housekeeping", 100, _time.GetUtcNow());
        _requests.TryClaim(id, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(2));

        _requests.Finish(id, 7, "failure", "disk full", _time.GetUtcNow());

        Assert.Equal(new TriggerRequestResult("failure", "disk full"), _requests.Result(id));
        Assert.Equal(7L, _db.Scalar($"SELECT run_id FROM hj_trigger_requests WHERE id = {id};"));
        Assert.Equal("2026-11-23T04:00:02.000Z", _db.Scalar($"SELECT finished_at FROM hj_trigger_requests WHERE id = {id};"));
    }

    [Fact]
    public void Finish_without_a_run_stores_no_run_id()
    {
        var id = _requests.Add("gone", 100, _time.GetUtcNow());
        _requests.TryClaim(id, _time.GetUtcNow());

        _requests.Finish(id, null, "failure", "job 'gone' is no longer in jobs.xml", _time.GetUtcNow());

        Assert.Equal(new TriggerRequestResult("failure", "job 'gone' is no longer in jobs.xml"), _requests.Result(id));
        Assert.Equal(DBNull.Value, _db.Scalar($"SELECT run_id FROM hj_trigger_requests WHERE id = {id};"));
    }

    [Fact]
    public void Release_orphans_releases_only_claimed_requests_that_never_finished()
    {
        var finished = _requests.Add("housekeeping", 100, _time.GetUtcNow());
        var orphan = _requests.Add("selftest", 101, _time.GetUtcNow());
        _requests.ClaimOpen(_time.GetUtcNow());
        _requests.Finish(finished, 1, "success", "ok", _time.GetUtcNow());
        var open = _requests.Add("housekeeping", 102, _time.GetUtcNow());

        var released = _requests.ReleaseOrphans();

        Assert.Equal(1, released);
        Assert.Equal([new TriggerRequest(orphan, "selftest"), new TriggerRequest(open, "housekeeping")], _requests.ClaimOpen(_time.GetUtcNow()));
        Assert.Equal(new TriggerRequestResult("success", "ok"), _requests.Result(finished));
    }
}
