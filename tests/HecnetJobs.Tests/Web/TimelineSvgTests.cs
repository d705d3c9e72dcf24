using System.Globalization;
using System.Xml.Linq;
using HecnetJobs.Jobs;
using HecnetJobs.Reports;
using HecnetJobs.Store;
using HecnetJobs.Web;

namespace HecnetJobs.Tests.Web;

/// <summary>The link timeline as SVG: a pure function of the history, so every case is a scripted list of checks and changes.</summary>
public sealed class TimelineSvgTests
{
    private static readonly DateTimeOffset To = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day = To - TimeSpan.FromHours(24);

    [Fact]
    public void Three_outages_in_a_day_are_three_red_rects_where_they_happened()
    {
        var history = new Script(Day).Up(-60)
            .Down(120, 150).Down(600, 601).Down(1380, 1410);

        var rects = Rects(Render(history.Timeline(Day, To), Day, To), "down");

        Assert.Equal(3, rects.Count);
        // 120 minutes of 1440 into a 1000-unit bar is x 83.33; 30 minutes is 20.83 wide.
        Assert.Equal((83.33, 20.83), (X(rects[0]), Width(rects[0])));
        Assert.Equal(1000 * 1380 / 1440.0, X(rects[2]), 2);
        Assert.All(rects, r => Assert.Equal("#d0312d", r.Attribute("fill")!.Value));
    }

    [Fact]
    public void A_two_minute_outage_in_a_week_is_still_a_few_units_wide_and_centred_on_its_time()
    {
        var week = To - TimeSpan.FromDays(7);
        var history = new Script(week).Up(-60).Down(5040, 5042);

        var rect = Assert.Single(Rects(Render(history.Timeline(week, To), week, To), "down"));

        Assert.Equal(TimelineSvg.MinDownWidth, Width(rect));
        var middle = 1000 * 5041 / 10080.0;
        Assert.Equal(middle - TimelineSvg.MinDownWidth / 2, X(rect), 2);
    }

    [Fact]
    public void An_outage_at_the_very_start_stays_inside_the_bar()
    {
        var week = To - TimeSpan.FromDays(7);
        var history = new Script(week).Up(-60).Down(0, 1);

        var rect = Assert.Single(Rects(Render(history.Timeline(week, To), week, To), "down"));

        Assert.Equal(0, X(rect));
    }

    [Fact]
    public void An_outage_still_going_reaches_the_right_edge_and_says_so()
    {
        var history = new Script(Day).Up(-60).Down(1200, null);

        var rect = Assert.Single(Rects(Render(history.Timeline(Day, To), Day, To), "down"));

        Assert.Equal(1000.0, X(rect) + Width(rect), 2);
        Assert.Equal("down 11-23 08:00 still down (4 h): MIM unreachable", rect.Element("title")!.Value);
    }

    [Fact]
    public void A_reason_from_ncp_is_encoded_so_it_cannot_become_markup()
    {
        var history = new Script(Day).Up(-60).Down(120, 150, reason: "<script>alert(1)</script> & \"more\"");

        var svg = Render(history.Timeline(Day, To), Day, To);

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;", svg, StringComparison.Ordinal);
        Assert.EndsWith(": <script>alert(1)</script> & \"more\"", Rects(svg, "down")[0].Element("title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_history_the_bar_is_one_grey_unknown_rect_and_says_nothing_is_known()
    {
        var svg = Render(LinkTimeline.Build("MIM", [], [], Day, To), Day, To);

        var rect = Assert.Single(XElement.Parse(svg).Elements("rect"));
        Assert.Equal("unknown", rect.Attribute("class")!.Value);
        Assert.Equal((0.0, 1000.0), (X(rect), Width(rect)));
        Assert.Equal("MIM, last 24 h: nothing known, 0 outages", XElement.Parse(svg).Attribute("aria-label")!.Value);
    }

    [Fact]
    public void Checks_that_could_not_tell_are_drawn_hatched_over_the_state()
    {
        var history = new Script(Day).Up(-60).Unknown(300, 330);

        var svg = Render(history.Timeline(Day, To), Day, To);

        var stretch = Assert.Single(Rects(svg, "unchecked"));
        Assert.Equal("url(#unchecked)", stretch.Attribute("fill")!.Value);
        Assert.Equal((208.33, 20.83), (X(stretch), Width(stretch)));
        Assert.Empty(Rects(svg, "down"));
        Assert.Contains("up 100% of the time known", XElement.Parse(svg).Attribute("aria-label")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_history_gives_the_same_text()
    {
        var history = new Script(Day).Up(-60).Down(120, 150);

        Assert.Equal(Render(history.Timeline(Day, To), Day, To), Render(history.Timeline(Day, To), Day, To));
    }

    private static string Render(LinkTimeline timeline, DateTimeOffset from, DateTimeOffset to) =>
        TimelineSvg.Render(timeline, from, to, TimeZoneInfo.Utc, "last 24 h");

    private static List<XElement> Rects(string svg, string css) =>
        XElement.Parse(svg).Elements("rect").Where(r => r.Attribute("class")!.Value == css).ToList();

    private static double X(XElement rect) => double.Parse(rect.Attribute("x")!.Value, CultureInfo.InvariantCulture);

    private static double Width(XElement rect) => double.Parse(rect.Attribute("width")!.Value, CultureInfo.InvariantCulture);

    /// <summary>A link's history in minutes from <c>origin</c> (the window's start): a check at each minute named, and the confirmed changes.</summary>
    private sealed class Script(DateTimeOffset origin)
    {
        private readonly List<HistoryEvent> _changes = [];
        private readonly List<LinkCheck> _checks = [];

        public Script Up(int minute)
        {
            _checks.Add(Check(minute, LinkStates.Up));
            _changes.Add(new HistoryEvent(At(minute), "link-probe", LinkEvents.State, null, "MIM unknown -> up: MIM reachable"));
            return this;
        }

        /// <summary>Down from <paramref name="from"/> (a check, confirmed at once) to <paramref name="to"/> (up again), or still down.</summary>
        public Script Down(int from, int? to, string reason = "MIM unreachable")
        {
            _checks.Add(Check(from, LinkStates.Down));
            _changes.Add(new HistoryEvent(At(from), "link-probe", LinkEvents.State, null, $"MIM up -> down: {reason}"));
            if (to is { } back)
            {
                _checks.Add(Check(back, LinkStates.Up));
                _changes.Add(new HistoryEvent(At(back), "link-probe", LinkEvents.State, null, "MIM down -> up: MIM reachable"));
            }
            return this;
        }

        public Script Unknown(int from, int to)
        {
            _checks.Add(Check(from, LinkStates.Unknown));
            _checks.Add(Check(to, LinkStates.Up));
            return this;
        }

        public LinkTimeline Timeline(DateTimeOffset from, DateTimeOffset to) =>
            LinkTimeline.Build("MIM", _changes.OrderBy(c => c.At).ToList(), _checks.OrderBy(c => c.At).ToList(), from, to);

        private DateTimeOffset At(int minute) => origin + TimeSpan.FromMinutes(minute);

        private LinkCheck Check(int minute, string verdict) => new(At(minute), "link-probe", "MIM", verdict, "node", $"MIM {verdict}", 0, 40);
    }
}
