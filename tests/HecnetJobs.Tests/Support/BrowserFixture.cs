using Microsoft.Playwright;

namespace HecnetJobs.Tests.Support;

/// <summary>
/// One headless Chromium per test class: Debian's /usr/bin/chromium driven by Playwright's bundled driver (in
/// .playwright/ beside the tests). Playwright never downloads a browser here: it is only ever given this executable.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where screenshots go: the test results folder scripts/test.sh keeps.</summary>
    public static string Artefacts
    {
        get
        {
            var folder = Path.Combine(RepoPaths.Root, ".build", "test-results");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException($"the browser did not start ({Chromium})");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            if (Environment.UserName != "root")
                return;
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install chromium (scripts/test.sh does)");
        }
        _playwright = await Playwright.CreateAsync();
        // A fresh profile in a temporary folder comes with every launch (not a persistent context).
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A new page in its own context (no shared cookies or cache), with a phone's or a desktop's viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1024, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
