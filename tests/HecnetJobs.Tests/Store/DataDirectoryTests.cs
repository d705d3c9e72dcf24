using HecnetJobs.Config;
using HecnetJobs.Store;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Store;

public sealed class DataDirectoryTests : IDisposable
{
    /// <summary>The kernel refuses new entries in /proc even for root, so this folder can never be created.</summary>
    private const string Uncreatable = "/proc/hecnetjobs-test";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Prepare_creates_a_missing_data_folder_and_its_parents()
    {
        var folder = _dir.File("var/lib/hecnetjobs");

        DataDirectory.Prepare(Options(folder));

        Assert.True(Directory.Exists(folder), $"{folder} was not created");
    }

    [Fact]
    public void Prepare_leaves_no_write_test_file_behind()
    {
        var folder = _dir.File("data");

        DataDirectory.Prepare(Options(folder));

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_data_dir_that_is_a_file_is_refused_with_the_key_and_exit_code_78()
    {
        var file = _dir.Write("data", "not a folder");

        var error = Assert.Throws<HecnetJobsException>(() => DataDirectory.Prepare(Options(file)));

        Assert.Equal($"{_dir.File("config.json")}: 'dataDir': '{file}' is a file, expected a folder", error.Message);
        Assert.Equal(ExitCodes.Config, error.ExitCode);
    }

    [Fact]
    public void A_data_dir_that_cannot_be_created_is_refused_with_the_key_and_exit_code_78()
    {
        var error = Assert.Throws<HecnetJobsException>(() => DataDirectory.Prepare(Options(Uncreatable)));

        Assert.Equal(
            $"{_dir.File("config.json")}: 'dataDir': '{Uncreatable}' cannot be created (the file system refuses a folder there); create it by hand or choose another folder",
            error.Message);
        Assert.Equal(ExitCodes.Config, error.ExitCode);
        Assert.False(Directory.Exists(Uncreatable));
    }

    [Fact]
    public void Check_mode_accepts_a_missing_folder_that_could_be_created_without_creating_it()
    {
        var folder = _dir.File("var/lib/hecnetjobs");

        var problem = DataDirectory.Check(folder, create: false);

        Assert.Null(problem);
        Assert.False(Directory.Exists(_dir.File("var")), "check created a folder");
    }

    [Fact]
    public void Check_mode_reports_a_missing_folder_whose_parent_cannot_take_it()
    {
        var problem = DataDirectory.Check(Uncreatable, create: false);

        Assert.Equal(
            $"does not exist and cannot be created: '/proc' does not accept new files; choose another folder",
            problem);
    }

    [Fact]
    public void Check_mode_reports_a_file_in_the_way()
    {
        var file = _dir.Write("data", "not a folder");

        Assert.Equal("is a file, expected a folder", DataDirectory.Check(file, create: false));
    }

    private HecnetJobsOptions Options(string dataDir) => TestOptions.In(_dir.Path, dataDir);
}
