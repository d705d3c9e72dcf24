using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Quartz;

namespace HecnetJobs.Scheduling;

/// <summary>What applying jobs.xml changed in the store.</summary>
public sealed record ReconcileResult(int Jobs, int Changed, int Removed);

/// <summary>
/// Makes the Quartz store hold exactly the jobs of jobs.xml. A job whose definition did not change is left alone, so its
/// triggers keep their state across restarts and misfire handling sees the real last fire time.
/// </summary>
internal sealed class ScheduleReconciler(IScheduler scheduler, TimeProvider time)
{
    public async Task<ReconcileResult> ApplyAsync(JobSchedule schedule, CancellationToken cancellationToken)
    {
        var changed = 0;
        var wanted = new HashSet<JobKey>();
        foreach (var job in schedule.Jobs)
        {
            var key = new JobKey(job.Name, job.Group);
            wanted.Add(key);
            var fingerprint = Fingerprint(job);
            var stored = await scheduler.GetJobDetail(key, cancellationToken);
            if (stored is not null && (stored.JobDataMap.GetString(QuartzJobAdapter.FingerprintKey) == fingerprint || !schedule.OverwriteExisting))
                continue;
            if (stored is not null)
                await scheduler.DeleteJob(key, cancellationToken);
            var detail = JobBuilder.Create<QuartzJobAdapter>()
                .WithIdentity(key)
                .WithDescription(job.Description)
                .StoreDurably()
                .UsingJobData(ToDataMap(job.Data))
                .UsingJobData(QuartzJobAdapter.FingerprintKey, fingerprint)
                .Build();
            var triggers = job.Triggers.Select(t => BuildTrigger(t, key)).ToList();
            if (triggers.Count == 0)
                await scheduler.AddJob(detail, AddJobOptions.Replacing, cancellationToken);
            else
                await scheduler.ScheduleJob(detail, triggers, ScheduleJobOptions.Replacing, cancellationToken);
            changed++;
        }

        var removed = 0;
        var stale = await scheduler.QueryJobs(new JobQuery { Take = PagedQuery.All }, cancellationToken);
        foreach (var header in stale.Items)
        {
            if (header.Key.Group != QuartzSetup.InternalGroup && !wanted.Contains(header.Key))
            {
                await scheduler.DeleteJob(header.Key, cancellationToken);
                removed++;
            }
        }
        return new ReconcileResult(schedule.Jobs.Count, changed, removed);
    }

    /// <summary>Stores the internal heartbeat job, replacing it only when its interval changed.</summary>
    public async Task EnsureHeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var fingerprint = interval.Ticks.ToString(CultureInfo.InvariantCulture);
        var stored = await scheduler.GetJobDetail(HeartbeatJob.Key, cancellationToken);
        if (stored?.JobDataMap.GetString(QuartzJobAdapter.FingerprintKey) == fingerprint)
            return;
        var detail = JobBuilder.Create<HeartbeatJob>()
            .WithIdentity(HeartbeatJob.Key)
            .StoreDurably()
            .UsingJobData(QuartzJobAdapter.FingerprintKey, fingerprint)
            .Build();
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity("heartbeat", QuartzSetup.InternalGroup)
            .ForJob(HeartbeatJob.Key)
            .StartNow()
            // Missed beats are history: never catch up on them.
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(detail, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>The next fire time of every job that has one, by job name.</summary>
    public async Task<Dictionary<string, DateTimeOffset>> NextRunsAsync(CancellationToken cancellationToken)
    {
        var triggers = await scheduler.QueryTriggers(new TriggerQuery { Take = PagedQuery.All }, cancellationToken);
        return triggers.Items
            .Where(t => t.JobKey.Group != QuartzSetup.InternalGroup && t.NextFireTimeUtc is not null)
            .GroupBy(t => t.JobKey.Name)
            .ToDictionary(g => g.Key, g => g.Min(t => t.NextFireTimeUtc!.Value), StringComparer.Ordinal);
    }

    private ITrigger BuildTrigger(TriggerDefinition definition, JobKey job)
    {
        var builder = TriggerBuilder.Create(time)
            .WithIdentity(definition.Name, definition.Group)
            .ForJob(job)
            .WithDescription(definition.Description)
            .WithPriority(definition.Priority);
        if (definition.Data.Count > 0)
            builder = builder.UsingJobData(ToDataMap(definition.Data));
        var start = definition.StartTime ?? time.GetUtcNow() + (definition.StartDelay ?? TimeSpan.Zero);
        builder = builder.StartAt(start);
        if (definition.EndTime is { } end)
            builder = builder.EndAt(end);
        return definition switch
        {
            SimpleTriggerDefinition simple => builder.WithSimpleSchedule(s =>
            {
                s.WithInterval(simple.RepeatInterval);
                if (simple.RepeatCount < 0)
                    s.RepeatForever();
                else
                    s.WithRepeatCount(simple.RepeatCount);
                s.WithMisfireInstruction(MisfireInstructions.Simple[simple.MisfireInstruction]);
            }).Build(),
            CronTriggerDefinition cron => builder.WithCronSchedule(cron.Expression, c =>
            {
                if (cron.TimeZone is { } zone)
                    c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(zone));
                c.WithMisfireInstruction(MisfireInstructions.Cron[cron.MisfireInstruction]);
            }).Build(),
            _ => throw new InvalidOperationException($"unknown trigger kind {definition.GetType().Name}"),
        };
    }

    /// <summary>A stable hash of everything in a job's definition that affects how it is stored and fired.</summary>
    internal static string Fingerprint(JobDefinition job)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{job.Name}|{job.Group}|{job.Type}|{job.Description}|");
        AppendData(text, job.Data);
        foreach (var trigger in job.Triggers.OrderBy(t => t.Group, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{trigger.GetType().Name}|{trigger.Name}|{trigger.Group}|{trigger.Description}|{trigger.Priority}|{trigger.MisfireInstruction}|{trigger.StartTime:O}|{trigger.StartDelay}|{trigger.EndTime:O}|");
            AppendData(text, trigger.Data);
            text.Append(trigger switch
            {
                SimpleTriggerDefinition s => string.Create(CultureInfo.InvariantCulture, $"{s.RepeatCount}|{s.RepeatInterval.Ticks}"),
                CronTriggerDefinition c => $"{c.Expression}|{c.TimeZone}",
                _ => "",
            });
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static JobDataMap ToDataMap(IReadOnlyDictionary<string, string> data)
    {
        var map = new JobDataMap();
        foreach (var (key, value) in data)
            map[key] = value;
        return map;
    }

    private static void AppendData(StringBuilder text, IReadOnlyDictionary<string, string> data)
    {
        foreach (var (key, value) in data.OrderBy(d => d.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{key.Length}:{key}={value.Length}:{value};");
    }
}
