namespace HecnetJobs.Tests.Reports;

/// <summary>The digest's link, name-refresh and pause sections, checked against a day of history with known times.</summary>
public sealed class DigestLinksNamesPausesTests : IDisposable
{
    private readonly LinkHistory _history = new();

    public void Dispose() => _history.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task The_digest_gives_each_link_its_availability_changes_and_outages_and_lists_name_refreshes_and_pauses()
    {
        var digest = await Task.Run(_history.Digest);

        Assert.Equal("daily digest (PyDECnet not watched, 1 link outage, names refused, no alerts)", digest.Subject);
        Assert.Equal("""
            Daily digest for HECnet node SAMPLE: 2026-11-22 07:00 to 2026-11-23 07:00.

            PyDECnet: not watched (no watchdog has run).

            Link 1.2: up since Nov 20 07:00.
              Up 100% of the time known (23 h 30 min of 23 h 30 min; 30 min unknown); no outages.

            Link MIM: up since 03:30.
              Up 97.9% of the time known (23 h 30 min of 1 d); 1 outage.
              03:00  down (confirmed 03:01): no route to MIM; diagnosis: the neighbour answers, MIM does not
              03:30  up (confirmed 03:31): MIM reachable
              Outage 03:00 to 03:30 (30 min)

            Names (name-refresh): 1406 entries, last refreshed 06:00.
              01:00  changed: 3 added, 1 removed
              04:00  no change
              06:00  refused: the list has 40% fewer entries than names.txt (at most 20%)
              The latest list was refused at 06:00; the file keeps the previous names.

            Pauses: 2.
              watchdog paused 02:00 to 02:30 (ended), by alice: moving the router
              link-probe paused 06:30 to 08:00 (in force), by root

            Alerts raised: none.

            Job failures: none.

            Alerts still queued: none.

            """.ReplaceLineEndings("\n"), digest.Text);
    }
}
