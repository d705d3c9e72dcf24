using HecnetJobs.Config;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Config;

// Only --config is tested here: $HECNETJOBS_CONFIG is process-wide and would leak into daemons other tests start in parallel.
public sealed class ConfigLocatorTests
{
    [Fact]
    public void A_config_path_from_the_command_line_is_used_even_before_it_exists()
    {
        using var dir = new TempDir();
        var path = dir.File("elsewhere/config.json");

        Assert.Equal(path, ConfigLocator.Locate(path));
    }
}
