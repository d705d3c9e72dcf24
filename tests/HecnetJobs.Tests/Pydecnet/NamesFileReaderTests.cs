using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

public sealed class NamesFileReaderTests
{
    [Fact]
    public void The_old_hecnet_daemon_file_under_a_node_at_include_is_read_but_flagged_as_the_wrong_syntax()
    {
        var content = NamesFileReader.Read(RepoPaths.Sample("hecnet-daemon", "hecnet-daemon-output.nodenames.conf"), NamesInclude.NodeAt);

        Assert.Equal(4, content.Entries.Count);
        Assert.Equal(NodeListFormat.NodeLines, content.Format);
        Assert.False(content.MatchesInclude);
    }

    [Fact]
    public void Lines_that_break_PyDECnet_s_rules_are_skipped_and_listed()
    {
        using var dir = new TempDir();
        var path = dir.Write("names.dat", "1.13 MIM\n1.13 MIMX\n1.20 TOOLONG\n# comment\n1.2 ERNIE extra\n1.2 ERNIE\n");

        var content = NamesFileReader.Read(path, NamesInclude.NodeAt);

        Assert.Equal(["1.2 ERNIE", "1.13 MIM"], content.Entries.Select(e => e.ToString()));
        Assert.Equal([2, 3, 5], content.SkippedLines.Select(l => l.LineNumber));
    }

    [Fact]
    public void A_file_in_a_missing_folder_reads_as_not_existing()
    {
        using var dir = new TempDir();

        var content = NamesFileReader.Read(dir.File("nowhere/names.dat"), NamesInclude.Plain);

        Assert.Equal((false, 0, true), (content.Exists, content.Entries.Count, content.MatchesInclude));
    }

    [Fact]
    public void A_folder_in_place_of_the_file_fails_with_one_line_naming_the_path()
    {
        using var dir = new TempDir();
        var path = dir.File("names.dat");
        Directory.CreateDirectory(path);

        var ex = Assert.Throws<HecnetJobsException>(() => NamesFileReader.Read(path, NamesInclude.NodeAt));

        Assert.Equal($"{path}: cannot read the names file: permission denied", ex.Message);
        Assert.Equal(ExitCodes.Config, ex.ExitCode);
    }
}
