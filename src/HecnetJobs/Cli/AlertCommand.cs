using System.CommandLine;
using HecnetJobs.Alerts;

namespace HecnetJobs.Cli;

/// <summary>
/// <c>hecnetjobs alert test</c>: sends a test message through every configured channel (and pings the dead man's switch)
/// and says, channel by channel, OK or the receiver's own error. Exit 0 when all worked, 1 when any failed, 78 when the
/// config names no channel. It needs neither the database nor the lock, so it also works while the daemon runs.
/// </summary>
internal static class AlertCommand
{
    public static Command Create()
    {
        var test = new Command("test", "Send a test message through every configured channel; print OK or the server's error for each (exit 0 all OK, 1 any failed).");
        test.SetAction(async (parse, _) =>
        {
            var options = CommonOptions.LoadConfig(parse);
            using var signals = new SignalScope();
            var output = parse.InvocationConfiguration.Output;
            var alerts = options.Alerts;
            var channels = AlertChannels.Create(alerts);
            if (channels.Count == 0 && alerts.Ping is null)
                throw new HecnetJobsException($"{options.ConfigFile}: 'alerts': no channel to test (alerts.eml is off and there is no smtp, webhook or ping section)", ExitCodes.Config);
            var time = TimeProvider.System;
            var message = new MessageComposer(alerts.NodeName, time.LocalTimeZone, _ => null).Test(time.GetUtcNow());
            var failed = 0;
            foreach (var channel in channels)
                failed += await ReportAsync(output, $"{channel.Name} ({channel.Target})", () => channel.SendAsync(message, signals.Token));
            if (alerts.Ping is { } ping)
                failed += await ReportAsync(output, $"{DeadMansSwitch.ChannelName} ({AlertHttp.Origin(ping.Url)})", () => DeadMansSwitch.TestAsync(ping, signals.Token));
            return signals.ExitCode(failed == 0 ? ExitCodes.Success : ExitCodes.JobFailed);
        });
        return new Command("alert", "Alert delivery: 'alert test' checks every configured channel.") { test };
    }

    private static async Task<int> ReportAsync(TextWriter output, string label, Func<Task<string>> send)
    {
        try
        {
            output.WriteLine($"{label}: OK: {await send()}");
            return 0;
        }
        catch (AlertDeliveryException e)
        {
            output.WriteLine($"{label}: FAILED: {e.Message}");
            return 1;
        }
    }
}
