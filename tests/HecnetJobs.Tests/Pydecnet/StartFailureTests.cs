using HecnetJobs.Pydecnet;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Pydecnet;

/// <summary>Classifying PyDECnet's output after a failed start, over the real V1.1.1 captures.</summary>
public sealed class StartFailureTests
{
    private const string ConfigError = "PyDECnet rejected its config or names file";

    /// <summary>A capture's lines as the watchdog reads them back (through <see cref="OutputTail"/>: blank lines dropped).</summary>
    private static IReadOnlyList<string> Capture(params string[] parts) =>
        new OutputTail([(RepoPaths.Sample(parts), 0L)]).ReadSince();

    [Fact]
    public void An_existing_socket_file_is_stale_socket_with_the_runtime_error_as_evidence()
    {
        var failure = StartFailure.Classify(Capture("logs", "startup-stale-socket.stderr.txt"))!;

        Assert.Equal(("stale-socket", "the API socket file already exists (left behind by an earlier PyDECnet)"), (failure.Kind, failure.Text));
        Assert.Equal(
            [
                "RuntimeError: Another socket server appears to be already running.",
                "To correct this, verify PyDECnet is not running, then remove",
                "/tmp/pydecnet-lab/lab/a/api.sock and restart.",
            ],
            failure.Evidence);
    }

    [Fact]
    public void A_taken_http_port_is_http_port_with_the_os_error_as_evidence()
    {
        var failure = StartFailure.Classify(Capture("logs", "startup-http-port-in-use.out.txt"))!;

        Assert.Equal(("http-port", "the HTTP monitor's port is already in use by another program"), (failure.Kind, failure.Text));
        Assert.Equal(["OSError: [Errno 98] Address already in use"], failure.Evidence);
    }

    [Fact]
    public void An_api_bind_failure_wins_over_the_file_not_found_error_in_its_traceback()
    {
        var failure = StartFailure.Classify(Capture("logs", "startup-api-bind-failure.out.txt"))!;

        Assert.Equal(("api-bind", "PyDECnet cannot create its API socket (does the socket's folder exist and is it writable?)"), (failure.Kind, failure.Text));
        Assert.Equal(["2026-11-22 16:17:35.545: PROCT: Error binding to API socket", "FileNotFoundError: [Errno 2] No such file or directory"], failure.Evidence);
    }

    [Fact]
    public void A_missing_names_include_is_missing_file_with_the_python_error_as_evidence()
    {
        var failure = StartFailure.Classify(Capture("names", "missing-file.out.txt"))!;

        Assert.Equal(("missing-file", "a file PyDECnet's config includes does not exist"), (failure.Kind, failure.Text));
        Assert.Equal(["FileNotFoundError: [Errno 2] No such file or directory: 'names.dat'"], failure.Evidence);
    }

    [Fact]
    public void Several_names_errors_are_one_config_error_showing_all_of_them()
    {
        var failure = StartFailure.Classify(Capture("names", "multi-errors.out.txt"))!;

        Assert.Equal(("config-error", ConfigError), (failure.Kind, failure.Text));
        Assert.Equal(9, failure.Evidence.Count);
        Assert.Equal(" node 64.1 BADA", failure.Evidence[^1]);
    }

    public static TheoryData<string, int> NamesCases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var line in File.ReadAllLines(RepoPaths.Sample("names", "exitcodes.tsv")).Skip(1).Where(l => l.Length > 0))
        {
            var fields = line.Split('\t');
            if (fields[0] != "missing-file")
                cases.Add(fields[0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(NamesCases))]
    public void Every_captured_names_file_outcome_is_classified_as_pydecnet_ended(string name, int exitCode)
    {
        var output = Capture("names", $"{name}.out.txt");

        var failure = StartFailure.Classify(output);

        // 124: PyDECnet ran until the capture's timeout stopped it, so there is nothing to classify.
        if (exitCode == 124)
        {
            Assert.Null(failure);
            return;
        }
        Assert.NotNull(failure);
        Assert.Equal(("config-error", ConfigError), (failure.Kind, failure.Text));
        var first = output.ToList().FindIndex(l => l.Contains("Config file parse error in", StringComparison.Ordinal));
        Assert.Equal(output.Skip(first).Take(9), failure.Evidence);
    }

    [Fact]
    public void A_healthy_run_and_no_output_are_not_failures()
    {
        Assert.Null(StartFailure.Classify(Capture("logs", "nodeB-SAMPLE.node.log")));
        Assert.Null(StartFailure.Classify([]));
    }
}
