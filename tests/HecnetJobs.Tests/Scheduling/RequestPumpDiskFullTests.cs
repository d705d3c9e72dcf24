using System.Reflection;
using HecnetJobs.Jobs;
using HecnetJobs.Scheduling;
using HecnetJobs.Store;
using HecnetJobs.Tests.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace HecnetJobs.Tests.Scheduling;

public sealed class RequestPumpDiskFullTests : IDisposable
{
    private const string JobsXml = """
        <job-scheduling-data xmlns="http://quartznet.sourceforge.net/JobSchedulingData" version="2.0"><schedule>
        <job><name>housekeeping</name><job-type>housekeeping</job-type></job></schedule></job-scheduling-data>
        """;

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_request_the_full_disk_kept_from_firing_is_fired_once_there_is_room()
    {
        var store = new TriggerRequestStore(_db.Database);
        var first = store.Add("housekeeping", 1, TimeProvider.System.GetUtcNow());
        var second = store.Add("housekeeping", 1, TimeProvider.System.GetUtcNow());
        var scheduler = FakeScheduler.Create();
        var pump = new RequestPump(store, scheduler, Schedule(), TimeProvider.System, NullLogger.Instance);

        FakeScheduler.Of(scheduler).Full = true;
        var error = await Assert.ThrowsAsync<SqliteException>(() => pump.PumpOnceAsync(CancellationToken.None));
        FakeScheduler.Of(scheduler).Full = false;
        await pump.PumpOnceAsync(CancellationToken.None);

        Assert.True(DiskFull.Is(error));
        Assert.Equal([first, second], FakeScheduler.Of(scheduler).Fired);
        Assert.Equal(0L, _db.Scalar("SELECT count(*) FROM hj_trigger_requests WHERE claimed_at IS NULL"));
    }

    private static ScheduleHolder Schedule() => new() { Current = new JobsXmlReader(JobCatalog.Types).Read(JobsXml, "jobs.xml") };

    /// <summary>An <see cref="IScheduler"/> whose TriggerJob fails as a full disk makes Quartz's store fail, or records the request.</summary>
    public class FakeScheduler : DispatchProxy
    {
        public bool Full { get; set; }

        public List<long> Fired { get; } = [];

        public static IScheduler Create() => Create<IScheduler, FakeScheduler>();

        public static FakeScheduler Of(IScheduler scheduler) => (FakeScheduler)(object)scheduler;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IScheduler.TriggerJob) || args is not [JobKey, JobDataMap data, ..])
                throw new NotSupportedException(targetMethod?.Name);
            if (Full)
                throw SqliteFull.Error();
            Fired.Add(long.Parse(data.GetString(QuartzJobAdapter.RequestIdKey)!, System.Globalization.CultureInfo.InvariantCulture));
            return ValueTask.CompletedTask;
        }
    }
}
