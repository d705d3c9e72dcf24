using HecnetJobs.Pydecnet;

namespace HecnetJobs.Tests.Pydecnet;

public sealed class DecnetAddressTests
{
    private static readonly string[] Unsorted = ["2.1", "1.13", "1.2"];

    [Theory]
    [InlineData("1.13", 1, 13)]
    [InlineData("63.1023", 63, 1023)]
    [InlineData("01.013", 1, 13)]
    public void A_valid_address_parses_to_area_and_node(string text, int area, int node)
    {
        Assert.True(DecnetAddress.TryParse(text, out var address));
        Assert.Equal(new DecnetAddress(area, node), address);
    }

    [Theory]
    [InlineData("64.1")]
    [InlineData("1.0")]
    [InlineData("0.1")]
    [InlineData("1.1024")]
    [InlineData("13")]
    [InlineData("1.13.")]
    [InlineData(" 1.13")]
    [InlineData("+1.13")]
    [InlineData("1.")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("\u0661.\u0663")]
    [InlineData("1.9999999999")]
    public void An_address_out_of_range_or_not_written_area_dot_node_is_refused(string? text)
    {
        Assert.False(DecnetAddress.TryParse(text, out var address));
        Assert.Equal(default, address);
    }

    [Fact]
    public void Parse_names_the_bad_text_and_the_expected_form()
    {
        var ex = Assert.Throws<FormatException>(() => DecnetAddress.Parse("64.1"));
        Assert.Equal("'64.1' is not a DECnet address (<area>.<node>, area 1-63, node 1-1023, e.g. '1.13')", ex.Message);
    }

    [Fact]
    public void An_address_prints_as_area_dot_node_and_sorts_by_area_then_node()
    {
        Assert.Equal("1.13", DecnetAddress.Parse("01.013").ToString());
        Assert.Equal(1037, DecnetAddress.Parse("1.13").Value);
        var sorted = Unsorted.Select(DecnetAddress.Parse).Order().Select(a => a.ToString());
        Assert.Equal(["1.2", "1.13", "2.1"], sorted);
        Assert.True(DecnetAddress.Parse("1.1023") < DecnetAddress.Parse("2.1"));
    }
}
