using HecnetJobs.Jobs;

namespace HecnetJobs.Tests.Jobs;

public sealed class LinkTargetsTests
{
    [Theory]
    [InlineData("MIM", "MIM")]
    [InlineData("mim", "MIM")]
    [InlineData(" A1RTR ", "A1RTR")]
    [InlineData("1.13", "1.13")]
    [InlineData("01.0013", "1.13")]
    [InlineData("63.1023", "63.1023")]
    [InlineData("TOOLONG", null)]
    [InlineData("123456", null)]
    [InlineData("MI-M", null)]
    [InlineData("64.1", null)]
    [InlineData("1.0", null)]
    [InlineData("1.", null)]
    [InlineData("13", null)]
    [InlineData("", null)]
    public void A_target_is_a_pydecnet_node_name_or_a_valid_address(string text, string? normalised)
    {
        Assert.Equal(normalised, LinkTargets.Normalize(text));
    }

    [Fact]
    public void A_data_map_list_is_split_on_commas_with_duplicates_dropped()
    {
        Assert.Equal(["MIM", "1.2"], LinkTargets.ParseList("MIM, 1.2 ,mim", out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void An_empty_entry_in_a_data_map_list_is_refused()
    {
        Assert.Empty(LinkTargets.ParseList("MIM,,ERNIE", out var problem));
        Assert.Equal($"'' is not {LinkTargets.Expected}", problem);
    }

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(59, "59 s")]
    [InlineData(60 * 35, "35 min")]
    [InlineData(3600 * 2, "2 h")]
    [InlineData(3600 * 2 + 60 * 5, "2 h 5 min")]
    [InlineData(86400 * 3 + 3600 * 4 + 59, "3 d 4 h")]
    [InlineData(86400, "1 d")]
    public void Alert_durations_read_the_way_people_say_them(int seconds, string text)
    {
        Assert.Equal(text, LinkProbeJob.Human(TimeSpan.FromSeconds(seconds)));
    }
}
