using Quartz;

namespace HecnetJobs.Scheduling;

/// <summary>The misfire instruction words of the job-scheduling-data format, per trigger family, and the Quartz values they stand for.</summary>
public static class MisfireInstructions
{
    public static readonly IReadOnlyDictionary<string, SimpleTriggerMisfireInstruction> Simple =
        new Dictionary<string, SimpleTriggerMisfireInstruction>
        {
            ["SmartPolicy"] = SimpleTriggerMisfireInstruction.SmartPolicy,
            ["IgnoreMisfirePolicy"] = SimpleTriggerMisfireInstruction.IgnoreMisfires,
            ["FireNow"] = SimpleTriggerMisfireInstruction.FireNow,
            ["RescheduleNowWithExistingRepeatCount"] = SimpleTriggerMisfireInstruction.NowWithExistingCount,
            ["RescheduleNowWithRemainingRepeatCount"] = SimpleTriggerMisfireInstruction.NowWithRemainingCount,
            ["RescheduleNextWithRemainingCount"] = SimpleTriggerMisfireInstruction.NextWithRemainingCount,
            ["RescheduleNextWithExistingCount"] = SimpleTriggerMisfireInstruction.NextWithExistingCount,
        };

    public static readonly IReadOnlyDictionary<string, CronTriggerMisfireInstruction> Cron =
        new Dictionary<string, CronTriggerMisfireInstruction>
        {
            ["SmartPolicy"] = CronTriggerMisfireInstruction.SmartPolicy,
            ["IgnoreMisfirePolicy"] = CronTriggerMisfireInstruction.IgnoreMisfires,
            ["FireOnceNow"] = CronTriggerMisfireInstruction.FireAndProceed,
            ["DoNothing"] = CronTriggerMisfireInstruction.DoNothing,
        };
}
