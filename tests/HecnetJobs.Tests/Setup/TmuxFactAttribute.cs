namespace HecnetJobs.Tests.Setup;

/// <summary>A test that drives a terminal through tmux; skipped, saying why, where tmux is not installed.</summary>
public sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (Tmux.Program is null)
            Skip = "tmux is not installed (Debian package tmux; scripts/test.sh installs it when run as root)";
    }
}
