using HecnetJobs.Status;

namespace HecnetJobs.Tests.Status;

public sealed partial class HostVitalsTests
{
    private const long MiB = 1024 * 1024;
    private const long SdCard = 31_245_887_079; // 29.1 GiB, a "32 GB" card after formatting.
    private const long TwoGiB = 2L * 1024 * MiB;

    private static HostVitals Vitals(
        IReadOnlyList<DiskSpace>? disks = null, long? available = 900 * MiB, long? total = TwoGiB, double? load1 = 0.5, double? load5 = 0.5) =>
        new(disks ?? [Disk("/var/lib/hecnetjobs", 20_000 * MiB)], available, total, load1, load5, 0.5);

    private static DiskSpace Disk(string path, long free, long total = SdCard) => new(path, "/", free, total);

    private static string[] Texts(HostVitals vitals, int cpus = 4, VitalsThresholds? thresholds = null) =>
        [.. VitalsJudge.Judge(vitals, cpus, thresholds).Select(f => $"{f.Level} [{f.Subject}] {f.Text}")];

    [Fact]
    public void A_healthy_host_has_no_findings()
    {
        Assert.Empty(Texts(Vitals()));
    }

    [Fact]
    public void A_disk_under_100_mib_free_is_critical()
    {
        var texts = Texts(Vitals([Disk("/var/lib/hecnetjobs", 83 * MiB + 900 * 1024)]));

        Assert.Equal(["critical [disk /var/lib/hecnetjobs] disk /var/lib/hecnetjobs: 83 MiB free of 29.1 GiB (under 100 MiB)"], texts);
    }

    [Fact]
    public void A_disk_under_500_mib_free_is_a_warning()
    {
        var texts = Texts(Vitals([Disk("/var/lib/hecnetjobs", 412 * MiB)]));

        Assert.Equal(["warning [disk /var/lib/hecnetjobs] disk /var/lib/hecnetjobs: 412 MiB free of 29.1 GiB (under 500 MiB)"], texts);
    }

    [Fact]
    public void A_disk_with_exactly_100_mib_free_is_a_warning_not_critical()
    {
        var texts = Texts(Vitals([Disk("/srv", 100 * MiB)]));

        Assert.Equal(["warning [disk /srv] disk /srv: 100 MiB free of 29.1 GiB (under 500 MiB)"], texts);
    }

    [Fact]
    public void A_disk_over_500_mib_but_under_5_percent_free_is_a_warning_that_gives_the_share()
    {
        var texts = Texts(Vitals([Disk("/srv/hecnet", 1_288_490_189)]));

        Assert.Equal(["warning [disk /srv/hecnet] disk /srv/hecnet: 1.2 GiB free of 29.1 GiB (4.1% free, under 5%)"], texts);
    }

    [Fact]
    public void A_disk_with_exactly_5_percent_free_is_fine()
    {
        Assert.Empty(Texts(Vitals([Disk("/srv", 20 * 1024 * MiB, total: 400 * 1024 * MiB)])));
    }

    [Fact]
    public void A_disk_of_size_zero_is_judged_on_bytes_alone()
    {
        Assert.Empty(Texts(Vitals([Disk("/srv", 600 * MiB, total: 0)])));
    }

    [Fact]
    public void Available_memory_under_50_mib_is_a_warning_with_the_total()
    {
        var texts = Texts(Vitals(available: 42 * MiB, total: 1_932_735_284));

        Assert.Equal(["warning [memory] memory: 42 MiB available of 1.8 GiB (under 50 MiB)"], texts);
    }

    [Fact]
    public void Available_memory_under_50_mib_is_a_warning_without_a_total_when_that_is_unknown()
    {
        var texts = Texts(Vitals(available: 42 * MiB, total: null));

        Assert.Equal(["warning [memory] memory: 42 MiB available (under 50 MiB)"], texts);
    }

    [Fact]
    public void A_five_minute_load_above_four_per_cpu_is_a_warning()
    {
        var texts = Texts(Vitals(load5: 17.25), cpus: 4);

        Assert.Equal(["warning [load] load: 5-minute average 17.25 on 4 CPUs (above 16)"], texts);
    }

    [Fact]
    public void The_load_limit_counts_a_single_cpu_in_the_singular()
    {
        var texts = Texts(Vitals(load5: 4.5), cpus: 1);

        Assert.Equal(["warning [load] load: 5-minute average 4.5 on 1 CPU (above 4)"], texts);
    }

    [Fact]
    public void A_one_minute_spike_or_a_load_of_exactly_the_limit_is_fine()
    {
        Assert.Empty(Texts(Vitals(load1: 40, load5: 16), cpus: 4));
    }

    [Fact]
    public void Unknown_memory_and_load_give_no_findings()
    {
        Assert.Empty(Texts(Vitals(available: null, total: null, load1: null, load5: null)));
    }

    [Fact]
    public void Critical_findings_come_first_and_warnings_keep_their_order()
    {
        var vitals = Vitals([Disk("/var/log", 300 * MiB), Disk("/var/lib/hecnetjobs", 10 * MiB)], available: 20 * MiB, load5: 9);

        var texts = Texts(vitals, cpus: 2);

        Assert.Equal(
            [
                "critical [disk /var/lib/hecnetjobs] disk /var/lib/hecnetjobs: 10 MiB free of 29.1 GiB (under 100 MiB)",
                "warning [disk /var/log] disk /var/log: 300 MiB free of 29.1 GiB (under 500 MiB)",
                "warning [memory] memory: 20 MiB available of 2 GiB (under 50 MiB)",
                "warning [load] load: 5-minute average 9 on 2 CPUs (above 8)",
            ],
            texts);
    }

    [Fact]
    public void Thresholds_can_be_raised_and_the_texts_follow_them()
    {
        var thresholds = new VitalsThresholds
        {
            DiskCriticalBytes = 1024 * MiB,
            DiskWarnFraction = 0.125,
            MemWarnBytes = 1024 * MiB,
            LoadWarnPerCpu = 0.5,
        };

        var texts = Texts(Vitals([Disk("/srv", 3 * 1024 * MiB), Disk("/boot", 512 * MiB)]), cpus: 1, thresholds);

        Assert.Equal(
            [
                "critical [disk /boot] disk /boot: 512 MiB free of 29.1 GiB (under 1 GiB)",
                "warning [disk /srv] disk /srv: 3 GiB free of 29.1 GiB (10.3% free, under 12.5%)",
                "warning [memory] memory: 900 MiB available of 2 GiB (under 1 GiB)",
            ],
            texts);
    }

    [Fact]
    public void A_host_without_cpus_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VitalsJudge.Judge(Vitals(), 0));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1 KiB")]
    [InlineData(524_288, "512 KiB")]
    [InlineData(1_048_575, "1023 KiB")]
    [InlineData(88_000_000, "83 MiB")]
    [InlineData(104_857_599, "99 MiB")]
    [InlineData(1_073_741_823, "1023 MiB")]
    [InlineData(1_073_741_824, "1 GiB")]
    [InlineData(2_136_746_229, "1.9 GiB")]
    [InlineData(31_245_887_079, "29.1 GiB")]
    [InlineData(1_099_511_627_776, "1 TiB")]
    [InlineData(long.MaxValue, "7.9 EiB")]
    [InlineData(-88_000_000, "-83 MiB")]
    [InlineData(long.MinValue, "-8 EiB")]
    public void Byte_sizes_use_the_largest_binary_unit_truncated_whole_below_gib_and_to_a_tenth_above(long bytes, string expected)
    {
        Assert.Equal(expected, ByteSize.Format(bytes));
    }

    [Fact]
    public void Findings_whose_figures_moved_are_the_same_findings()
    {
        var before = VitalsJudge.Record(VitalsJudge.Judge(Vitals([Disk("/var/lib/hecnetjobs", 8 * MiB)]), 4));

        var after = VitalsJudge.Judge(Vitals([Disk("/var/lib/hecnetjobs", 7 * MiB)]), 4);

        Assert.Equal("critical: disk /var/lib/hecnetjobs: 8 MiB free of 29.1 GiB (under 100 MiB)", before);
        Assert.True(VitalsJudge.SameFindings(before, after));
    }

    [Fact]
    public void A_disk_going_from_low_to_critical_is_news()
    {
        var before = VitalsJudge.Record(VitalsJudge.Judge(Vitals([Disk("/var/lib/hecnetjobs", 300 * MiB)]), 4));

        Assert.False(VitalsJudge.SameFindings(before, VitalsJudge.Judge(Vitals([Disk("/var/lib/hecnetjobs", 80 * MiB)]), 4)));
    }

    [Fact]
    public void A_second_subject_or_one_clearing_is_news()
    {
        var low = Vitals([Disk("/var/lib/hecnetjobs", 300 * MiB)]);
        var before = VitalsJudge.Record(VitalsJudge.Judge(low, 4));

        Assert.False(VitalsJudge.SameFindings(before, VitalsJudge.Judge(low with { Load5 = 40 }, 4)));
        Assert.False(VitalsJudge.SameFindings(before, VitalsJudge.Judge(Vitals(), 4)));
        Assert.True(VitalsJudge.SameFindings(VitalsJudge.Ok, VitalsJudge.Judge(Vitals(), 4)));
        Assert.False(VitalsJudge.SameFindings(VitalsJudge.Ok, VitalsJudge.Judge(low, 4)));
    }

    [Fact]
    public void A_path_with_a_colon_is_matched_whole()
    {
        var before = VitalsJudge.Record(VitalsJudge.Judge(Vitals([Disk("/mnt/a: b", 80 * MiB), Disk("/mnt/a", 300 * MiB)]), 4));

        Assert.True(VitalsJudge.SameFindings(before, VitalsJudge.Judge(Vitals([Disk("/mnt/a: b", 70 * MiB), Disk("/mnt/a", 290 * MiB)]), 4)));
        Assert.False(VitalsJudge.SameFindings(before, VitalsJudge.Judge(Vitals([Disk("/mnt/a: b", 70 * MiB)]), 4)));
    }

    [Fact]
    public void Two_disks_at_one_level_whose_paths_share_a_start_are_told_apart()
    {
        var both = VitalsJudge.Record(VitalsJudge.Judge(Vitals([Disk("/mnt/a", 300 * MiB), Disk("/mnt/a: b", 300 * MiB)]), 4));

        Assert.True(VitalsJudge.SameFindings(both, VitalsJudge.Judge(Vitals([Disk("/mnt/a", 290 * MiB), Disk("/mnt/a: b", 280 * MiB)]), 4)));
        Assert.False(VitalsJudge.SameFindings(both, VitalsJudge.Judge(Vitals([Disk("/mnt/a", 290 * MiB), Disk("/mnt/c", 280 * MiB)]), 4)));
    }
}
