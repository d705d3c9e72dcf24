using System.Runtime.Versioning;
using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

public sealed class NamesFileWriterTests
{
    private static readonly NodeEntry[] Old = [NodeEntry.Of("1.13", "MIM"), NodeEntry.Of("1.2", "ERNIE")];
    private static readonly NodeEntry[] New = [NodeEntry.Of("9.54", "SAMPLE"), NodeEntry.Of("1.13", "MIM"), NodeEntry.Of("1.13", "MIM")];

    [Fact]
    public void A_node_at_include_gets_bare_lines_and_a_plain_include_gets_node_lines_sorted_and_once_each()
    {
        Assert.Equal("1.13 MIM\n9.54 SAMPLE\n", NamesFileWriter.Format(New, NamesInclude.NodeAt));
        Assert.Equal("node 1.13 MIM\nnode 9.54 SAMPLE\n", NamesFileWriter.Format(New, NamesInclude.Plain));
    }

    [Fact]
    public void Writing_PyDECnet_s_nodenames_dat_entries_gives_back_the_same_bytes()
    {
        var fixture = RepoPaths.Sample("nodenames.dat");
        using var dir = new TempDir();
        var entries = NodeListParser.Parse(File.ReadAllText(fixture)).Entries.Select(e => e.Entry);

        var result = NamesFileWriter.Write(dir.File("nodenames.dat"), entries, NamesInclude.NodeAt);

        Assert.Equal(File.ReadAllBytes(fixture), File.ReadAllBytes(result.Path));
        Assert.Equal(1229, result.EntryCount);
    }

    [Theory]
    [InlineData(NamesInclude.NodeAt, NodeListFormat.NamesFile)]
    [InlineData(NamesInclude.Plain, NodeListFormat.NodeLines)]
    public void What_is_written_reads_back_as_the_same_entries_in_the_include_s_syntax(NamesInclude include, NodeListFormat format)
    {
        using var dir = new TempDir();
        var path = dir.File("names.dat");

        NamesFileWriter.Write(path, New, include);
        var content = NamesFileReader.Read(path, include);

        Assert.Equal(["1.13 MIM", "9.54 SAMPLE"], content.Entries.Select(e => e.ToString()));
        Assert.Equal((true, format, true), (content.Exists, content.Format, content.MatchesInclude));
        Assert.Empty(content.SkippedLines);
    }

    [Fact]
    public void The_first_write_creates_the_file_without_a_backup()
    {
        using var dir = new TempDir();

        var result = NamesFileWriter.Write(dir.File("names.dat"), Old, NamesInclude.NodeAt);

        Assert.Null(result.BackupPath);
        Assert.Equal(["names.dat"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void The_previous_file_is_kept_as_bak_and_no_temporary_file_is_left()
    {
        using var dir = new TempDir();
        var path = dir.Write("names.dat", "1.13 MIM\n1.2 ERNIE\n");
        dir.Write("names.dat.bak", "an older backup\n");

        var result = NamesFileWriter.Write(path, New, NamesInclude.NodeAt);

        Assert.Equal(path + ".bak", result.BackupPath);
        Assert.Equal("1.13 MIM\n1.2 ERNIE\n", File.ReadAllText(path + ".bak"));
        Assert.Equal("1.13 MIM\n9.54 SAMPLE\n", File.ReadAllText(path));
        Assert.Equal(["names.dat", "names.dat.bak"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void The_old_file_s_mode_is_kept()
    {
        using var dir = new TempDir();
        var path = dir.Write("names.dat", "1.13 MIM\n");
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);

        NamesFileWriter.Write(path, New, NamesInclude.NodeAt);

        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void The_old_file_s_owner_is_kept_or_the_result_says_why_not()
    {
        using var dir = new TempDir();
        var path = dir.Write("names.dat", "1.13 MIM\n");
        var asRoot = PosixFile.ChangeOwner(path, 4321, 4322) == 0;

        var result = NamesFileWriter.Write(path, New, NamesInclude.NodeAt);

        Assert.Equal(0, PosixFile.GetOwner(path, out var uid, out var gid));
        if (asRoot)
        {
            Assert.Equal((4321u, 4322u), (uid, gid));
            Assert.Empty(result.Notes);
        }
        else
        {
            // Without the right to chown, the old file kept our own owner, so there was nothing to change.
            Assert.Empty(result.Notes);
        }
    }

    [Fact]
    public void A_symlinked_names_file_has_its_target_replaced_and_the_link_kept()
    {
        using var dir = new TempDir();
        var target = dir.Write("real/names.dat", "1.13 MIM\n");
        var link = dir.File("names.dat");
        File.CreateSymbolicLink(link, target);

        var result = NamesFileWriter.Write(link, New, NamesInclude.NodeAt);

        Assert.Equal(target, result.Path);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("1.13 MIM\n9.54 SAMPLE\n", File.ReadAllText(link));
        Assert.True(File.Exists(target + ".bak"));
    }

    [Fact]
    public void A_names_file_in_a_missing_folder_fails_with_one_line_naming_the_path()
    {
        using var dir = new TempDir();
        var path = dir.File("missing/names.dat");

        var ex = Assert.Throws<HecnetJobsException>(() => NamesFileWriter.Write(path, New, NamesInclude.NodeAt));

        Assert.Equal($"{path}: cannot write the names file: its folder does not exist", ex.Message);
        Assert.Equal(ExitCodes.Config, ex.ExitCode);
    }

    [Fact]
    public void A_folder_where_the_file_should_be_fails_and_leaves_no_temporary_file()
    {
        using var dir = new TempDir();
        var path = dir.File("names.dat");
        Directory.CreateDirectory(path);

        var ex = Assert.Throws<HecnetJobsException>(() => NamesFileWriter.Write(path, New, NamesInclude.NodeAt));

        Assert.StartsWith($"{path}: cannot write the names file: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(["names.dat"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Entries_that_PyDECnet_would_refuse_are_not_written_at_all()
    {
        using var dir = new TempDir();
        var path = dir.Write("names.dat", "1.13 MIM\n");

        var ex = Assert.Throws<ArgumentException>(() => NamesFileWriter.Write(path, [NodeEntry.Of("1.13", "MIM"), NodeEntry.Of("1.13", "MIMX")], NamesInclude.NodeAt));

        Assert.StartsWith("'1.13 MIMX' conflicts with another entry", ex.Message);
        Assert.Equal("1.13 MIM\n", File.ReadAllText(path));
    }
}
