namespace HecnetJobs.Tests.Support;

/// <summary>Folders of the repository the tests run from: the PyDECnet captures and the simulator.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootValue = new(FindRoot);

    /// <summary>The folder holding HecnetJobs.sln.</summary>
    public static string Root => RootValue.Value;

    /// <summary>A file under <c>tests/fixtures/pydecnet-samples</c> (real PyDECnet V1.1.1 outputs).</summary>
    public static string Sample(params string[] parts) =>
        Path.Combine([Root, "tests", "fixtures", "pydecnet-samples", .. parts]);

    /// <summary>A program of the PyDECnet simulator: <c>pydecnet</c>, <c>ncp</c> or <c>simctl</c>.</summary>
    public static string Sim(string program) => Path.Combine(Root, "tools", "pydecnet-sim", program);

    private static string FindRoot()
    {
        // Above the test binaries normally; above this source file when the build output lives elsewhere (--artifacts-path).
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(SourceFile())! })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HecnetJobs.sln")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException($"HecnetJobs.sln not found above {AppContext.BaseDirectory} or {SourceFile()}");
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
