namespace HecnetJobs.Tests.Support;

/// <summary>
/// A test that drives Debian's Chromium. Skipped, with the reason, only where the browser is missing and cannot be
/// installed (not root); as root (CI, scripts/test.sh) a missing browser is a failure, not a skip.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserFixture.Chromium) && Environment.UserName != "root")
            Skip = $"{BrowserFixture.Chromium} is missing (Debian package chromium; scripts/test.sh installs it as root)";
    }
}
