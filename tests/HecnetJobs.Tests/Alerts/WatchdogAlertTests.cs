using System.Collections.Concurrent;
using System.Diagnostics;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Alerts;

/// <summary>From a real state change to a delivered alert: a one-shot watchdog run starts the PyDECnet simulator, its alert lands as an .eml file and the dead man's switch is pinged.</summary>
public sealed class WatchdogAlertTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_watchdog_run_that_starts_pydecnet_delivers_its_alert_and_pings_the_dead_mans_switch()
    {
        await using var web = await TestWebServer.StartAsync();
        var pings = new ConcurrentQueue<string>();
        web.Handler = context =>
        {
            pings.Enqueue(context.Request.Path.Value!);
            return Task.CompletedTask;
        };
        using var fixture = new DaemonFixture(TestFiles.Job("watchdog", "watchdog"), "");
        var sim = fixture.Dir.File("sim");
        fixture.Dir.Write("sim/node.conf", $"routing 9.54 --type l2router\nnode 9.54 SAMPLE\nnode 1.13 MIM\ncircuit dmc-0 DDCMP --mode tcp --cost 3\napi {sim}/api.sock\n");
        fixture.Dir.Write("sim/control.json", """{"termDelaySeconds": 0.2}""");
        fixture.Dir.Write("config.json", $$"""
            {
              "dataDir": "data",
              "pydecnet": {
                "command": "{{RepoPaths.Sim("pydecnet")}}",
                "arguments": ["-L", "{{sim}}/node.log", "{{sim}}/node.conf"],
                "workingDirectory": "{{sim}}",
                "apiSocket": "{{sim}}/api.sock"
              },
              "alerts": { "nodeName": "SAMPLE", "ping": { "url": "{{new Uri(web.BaseUrl, "/ping/abc-123")}}", "start": true } }
            }
            """);
        try
        {
            var run = await fixture.RunAsync("trigger", "watchdog");

            Assert.Equal(0, run.ExitCode);
            var mail = MimeKit.MimeMessage.Load(Assert.Single(Directory.GetFiles(fixture.Dir.File("data/mail"), "*.eml")));
            Assert.StartsWith("[HECnet SAMPLE] PyDECnet started (was not running) ", mail.Subject, StringComparison.Ordinal);
            Assert.Equal(["/ping/abc-123/start", "/ping/abc-123"], pings);
        }
        finally
        {
            // PyDECnet outlives the one-shot run by design; the test stops it.
            using var stop = Process.Start(new ProcessStartInfo(RepoPaths.Sim("simctl")) { ArgumentList = { "--dir", sim, "stop" }, RedirectStandardOutput = true, RedirectStandardError = true })!;
            await stop.WaitForExitAsync();
        }
    }
}
