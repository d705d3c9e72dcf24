using HecnetJobs.Jobs;
using HecnetJobs.Reports;
using HecnetJobs.Store;
using HecnetJobs.Tests.Store;

namespace HecnetJobs.Tests.Reports;

/// <summary>
/// A day of link, name-refresh and pause history at fixed times (UTC), written through the real stores: MIM down from
/// 03:00 to 03:30 (confirmed 03:01 and 03:31), 1.2 up all day but not checkable from 05:00 to 05:30, a names change,
/// an unchanged run and a refusal, a pause that ended and one in force.
/// </summary>
internal sealed class LinkHistory : IDisposable
{
    public static readonly DateTimeOffset To = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset From = To - TimeSpan.FromHours(24);

    private readonly TestDatabase _db = new();

    public LinkHistory()
    {
        var links = new LinkStore(_db.Database);
        var firstUp = From - TimeSpan.FromDays(2);
        foreach (var target in new[] { "MIM", "1.2" })
        {
            links.Save(new LinkState(target, LinkStates.Up, firstUp, firstUp, firstUp), Check(firstUp, target, LinkStates.Up),
                [Change(firstUp, $"{target} unknown -> up: {target} reachable")], []);
            Check(links, From - TimeSpan.FromMinutes(1), target, LinkStates.Up);
        }
        Check(links, At(3, 0), "MIM", LinkStates.Down);
        links.Save(new LinkState("MIM", LinkStates.Down, At(3, 0), At(3, 1), At(3, 1)), Check(At(3, 1), "MIM", LinkStates.Down),
            [Change(At(3, 1), "MIM up -> down: no route to MIM; diagnosis: the neighbour answers, MIM does not")], []);
        Check(links, At(3, 30), "MIM", LinkStates.Up);
        links.Save(new LinkState("MIM", LinkStates.Up, At(3, 30), At(3, 31), At(3, 31)), Check(At(3, 31), "MIM", LinkStates.Up),
            [Change(At(3, 31), "MIM down -> up: MIM reachable")], []);
        Check(links, At(6, 59), "MIM", LinkStates.Up);
        foreach (var minute in new[] { 0, 10, 20 })
            Check(links, At(5, minute), "1.2", LinkStates.Unknown);
        Check(links, At(5, 30), "1.2", LinkStates.Up);

        new NamesStore(_db.Database).Save("name-refresh", new NamesState(Entries: 1406, LastRefreshAt: At(6, 0),
            Refused: "the list has 40% fewer entries than names.txt (at most 20%)", RefusedAt: At(6, 0)), [
            Names(At(1, 0), NameRefreshEvents.Changed, "3 added, 1 removed\nadded: 1.7 NEWA, 1.8 NEWB, 1.9 NEWC\nremoved: 1.4 OLD"),
            Names(At(4, 0), NameRefreshEvents.Unchanged, "no change: https://mim.example/nodenames.dat answered 304 Not Modified"),
            Names(At(6, 0), NameRefreshEvents.Refused, "the list has 40% fewer entries than names.txt (at most 20%)\nthe own node 1.1 is missing"),
            Names(From - TimeSpan.FromHours(1), NameRefreshEvents.DownloadFailed, "before the window"),
        ], []);

        var pauses = new PauseStore(_db.Database);
        pauses.Set(new Pause("housekeeping", From - TimeSpan.FromHours(3), From - TimeSpan.FromHours(2), "before the window", "root"));
        pauses.Set(new Pause("watchdog", At(2, 0), At(2, 30), "moving the router", "alice"));
        pauses.Set(new Pause("link-probe", At(6, 30), At(8, 0), null, "root"));
    }

    public Database Database => _db.Database;

    public Digest Digest() => new DigestBuilder(Database, "SAMPLE", TimeZoneInfo.Utc).Build(From, To);

    public string Report(string format) =>
        new ReportWriter("SAMPLE", TimeZoneInfo.Utc).Write(format, PydecnetReport.Build(Database, From, To), LinkReport.Build(Database, From, To), From, To);

    public static DateTimeOffset At(int hour, int minute) => new(2026, 11, 23, hour, minute, 0, TimeSpan.Zero);

    public void Dispose() => _db.Dispose();

    /// <summary>A check that changes nothing: saved with the target's state as it stands.</summary>
    private static void Check(LinkStore links, DateTimeOffset at, string target, string verdict)
    {
        var state = links.Load(target)!;
        links.Save(state with { LastCheck = at, UnknownSince = verdict == LinkStates.Unknown ? state.UnknownSince ?? at : null }, Check(at, target, verdict), [], []);
    }

    private static LinkCheck Check(DateTimeOffset at, string target, string verdict) =>
        new(at, "link-probe", target, verdict, "node", $"{target} {verdict}", 0, 40);

    private static HistoryEvent Change(DateTimeOffset at, string detail) => new(at, "link-probe", LinkEvents.State, null, detail);

    private static HistoryEvent Names(DateTimeOffset at, string kind, string detail) => new(at, "name-refresh", kind, null, detail);
}
