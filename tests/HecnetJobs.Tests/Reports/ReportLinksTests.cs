using HecnetJobs.Reports;

namespace HecnetJobs.Tests.Reports;

/// <summary><c>hecnetjobs report</c>'s link part in each format, checked against a day of history with known times.</summary>
public sealed class ReportLinksTests : IDisposable
{
    private readonly LinkHistory _history = new();

    public void Dispose() => _history.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task The_report_as_text_gives_each_link_its_availability_and_every_outage()
    {
        var text = await Task.Run(() => _history.Report("text"));

        Assert.Equal("""
            HecnetJobs report for HECnet node SAMPLE, 2026-11-22 07:00:00 to 2026-11-23 07:00:00

            No PyDECnet history: no watchdog has run.

            Link 1.2: up 100% of the time known (23 h 30 min of 23 h 30 min; 30 min unknown)
            Outages: 0

            Link MIM: up 97.9% of the time known (23 h 30 min of 1 d)
            Outages: 1
              2026-11-23 03:00:00 to 2026-11-23 03:30:00  30 min  no route to MIM; diagnosis: the neighbour answers, MIM does not

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_report_as_csv_has_a_row_per_link_and_per_link_outage()
    {
        var csv = await Task.Run(() => _history.Report("csv"));

        Assert.Equal("""
            record,job,start,end,seconds,detail
            link,1.2,2026-11-22T07:00:00+00:00,2026-11-23T07:00:00+00:00,84600,"100% up (84600 s up of 84600 s known, 1800 s unknown)"
            link,MIM,2026-11-22T07:00:00+00:00,2026-11-23T07:00:00+00:00,86400,97.9% up (84600 s up of 86400 s known)
            link-outage,MIM,2026-11-23T03:00:00+00:00,2026-11-23T03:30:00+00:00,1800,"no route to MIM; diagnosis: the neighbour answers, MIM does not"

            """.ReplaceLineEndings("\n"), csv);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_report_as_json_has_each_link_with_its_outages_and_confirmed_changes()
    {
        var json = await Task.Run(() => _history.Report("json"));

        Assert.Equal("""
            {
              "node": "SAMPLE",
              "from": "2026-11-22T07:00:00+00:00",
              "to": "2026-11-23T07:00:00+00:00",
              "pydecnet": [],
              "links": [
                {
                  "target": "1.2",
                  "state": "up",
                  "since": "2026-11-20T07:00:00+00:00",
                  "availability": 1,
                  "upSeconds": 84600,
                  "knownSeconds": 84600,
                  "unknownSeconds": 1800,
                  "outages": [],
                  "changes": []
                },
                {
                  "target": "MIM",
                  "state": "up",
                  "since": "2026-11-23T03:30:00+00:00",
                  "availability": 0.97917,
                  "upSeconds": 84600,
                  "knownSeconds": 86400,
                  "unknownSeconds": 0,
                  "outages": [
                    {
                      "start": "2026-11-23T03:00:00+00:00",
                      "end": "2026-11-23T03:30:00+00:00",
                      "seconds": 1800,
                      "ongoing": false,
                      "reason": "no route to MIM; diagnosis: the neighbour answers, MIM does not"
                    }
                  ],
                  "changes": [
                    {
                      "at": "2026-11-23T03:00:00+00:00",
                      "confirmedAt": "2026-11-23T03:01:00+00:00",
                      "state": "down",
                      "reason": "no route to MIM; diagnosis: the neighbour answers, MIM does not"
                    },
                    {
                      "at": "2026-11-23T03:30:00+00:00",
                      "confirmedAt": "2026-11-23T03:31:00+00:00",
                      "state": "up",
                      "reason": "MIM reachable"
                    }
                  ]
                }
              ]
            }

            """.ReplaceLineEndings("\n"), json);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_link_still_down_at_the_end_of_the_window_has_an_ongoing_outage_to_the_end()
    {
        var to = LinkHistory.At(3, 15);

        var timeline = (await Task.Run(() => LinkReport.Build(_history.Database, LinkHistory.From, to))).Single(l => l.Current.Target == "MIM").Timeline;

        Assert.Equal([new LinkOutage(LinkHistory.At(3, 0), to, true, "no route to MIM; diagnosis: the neighbour answers, MIM does not")], timeline.Outages);
        Assert.Equal(TimeSpan.FromHours(20) + TimeSpan.FromMinutes(15), timeline.Known);
    }
}
