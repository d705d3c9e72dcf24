using CsCheck;
using HecnetJobs.Config;

namespace HecnetJobs.Tests.Config;

public sealed class DurationTests
{
    public static TheoryData<string, TimeSpan> Valid => new()
    {
        { "500ms", TimeSpan.FromMilliseconds(500) },
        { "30s", TimeSpan.FromSeconds(30) },
        { "5m", TimeSpan.FromMinutes(5) },
        { "2h", TimeSpan.FromHours(2) },
        { "30d", TimeSpan.FromDays(30) },
        { "1h30m", TimeSpan.FromMinutes(90) },
        { "1.5h", TimeSpan.FromMinutes(90) },
        { "1d2h3m4s5ms", new TimeSpan(1, 2, 3, 4, 5) },
        { " 5m ", TimeSpan.FromMinutes(5) },
        { "0s", TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_number_with_a_unit_or_a_sum_of_them_parses(string text, TimeSpan expected)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("5 m")]
    [InlineData("1h 30m")]
    [InlineData("-5s")]
    [InlineData("5x")]
    [InlineData("5M")]
    [InlineData("5 minutes")]
    [InlineData("1.2.3s")]
    [InlineData("1e3s")]
    [InlineData("99999999999999999999d")]
    public void Text_without_a_known_unit_after_every_number_is_rejected_and_gives_zero(string text)
    {
        Assert.False(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
    }

    public static TheoryData<TimeSpan, string> Formatted => new()
    {
        { TimeSpan.FromMinutes(90), "1h30m" },
        { TimeSpan.FromSeconds(45), "45s" },
        { TimeSpan.FromMilliseconds(500), "500ms" },
        { TimeSpan.FromDays(30), "30d" },
        { new TimeSpan(1, 2, 3, 4, 5), "1d2h3m4s5ms" },
        { TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1), "1h1s" },
        { TimeSpan.Zero, "0s" },
        { TimeSpan.FromSeconds(-5), "0s" },
    };

    [Theory]
    [MemberData(nameof(Formatted))]
    public void Format_writes_the_largest_units_that_keep_the_value_exact(TimeSpan value, string expected) =>
        Assert.Equal(expected, Duration.Format(value));

    [Fact]
    public void Format_then_parse_gives_back_every_whole_millisecond_span_up_to_ten_years()
    {
        // Ten years is the widest range any config key accepts (housekeeping.retention).
        var tenYears = (long)TimeSpan.FromDays(3650).TotalMilliseconds;
        Gen.Long[0, tenYears].Sample(milliseconds =>
        {
            var span = TimeSpan.FromMilliseconds(milliseconds);
            var text = Duration.Format(span);
            Assert.True(Duration.TryParse(text, out var back), $"'{text}' did not parse");
            Assert.Equal(span, back);
        });
    }

    [Fact]
    public void Format_then_parse_gives_back_spans_built_from_whole_units()
    {
        Gen.Select(Gen.Int[0, 3650], Gen.Int[0, 23], Gen.Int[0, 59], Gen.Int[0, 59], Gen.Int[0, 999]).Sample((d, h, m, s, ms) =>
        {
            var span = new TimeSpan(d, h, m, s, ms);
            Assert.True(Duration.TryParse(Duration.Format(span), out var back));
            Assert.Equal(span, back);
        });
    }
}
