using System.Globalization;
using HecnetJobs.Logging;
using HecnetJobs.Scheduling;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Systemd;

/// <summary>
/// Talks to systemd for a <c>Type=notify</c> unit: READY=1 once the scheduler runs, STATUS= lines, STOPPING=1, and
/// WATCHDOG=1 at half of <c>WATCHDOG_USEC</c> — but only while the scheduler proves alive by firing its heartbeat job,
/// so a scheduler that is stuck lets systemd restart HecnetJobs.
/// </summary>
internal sealed class SystemdIntegration(ISystemdNotifier notifier, TimeProvider time, ILogger logger)
{
    public bool IsEnabled => notifier.IsEnabled;

    /// <summary>The watchdog timeout systemd set for this process (<c>WATCHDOG_USEC</c>, honouring <c>WATCHDOG_PID</c>), or null.</summary>
    public static TimeSpan? WatchdogTimeout()
    {
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        if (!long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
            return null;
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            return null;
        return TimeSpan.FromMicroseconds(microseconds);
    }

    public void Ready(string status) => Send($"READY=1\nSTATUS={status}\nMAINPID={Environment.ProcessId}");

    public void Status(string status) => Send($"STATUS={status}");

    public void Stopping() => Send("STOPPING=1\nSTATUS=stopping");

    /// <summary>Pings the watchdog at half the timeout for as long as <paramref name="liveness"/> says the scheduler is alive.</summary>
    public async Task RunWatchdogAsync(TimeSpan timeout, SchedulerLiveness liveness, CancellationToken cancellationToken)
    {
        var interval = timeout / 2;
        Log.WatchdogEnabled(logger, interval);
        using var timer = new PeriodicTimer(interval, time);
        var withholding = false;
        do
        {
            if (liveness.IsAlive)
            {
                Send("WATCHDOG=1");
                withholding = false;
            }
            else if (!withholding)
            {
                Log.WatchdogWithheld(logger, liveness.Age);
                withholding = true;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private void Send(string state)
    {
        if (notifier.IsEnabled)
            notifier.Notify(new ServiceState(state));
    }
}
