using HecnetJobs.Setup;

namespace HecnetJobs.Tests.Setup;

/// <summary>The prompter as a person meets it: the default in brackets, Enter takes it, a wrong answer is refused with its reason and asked again, and the end of input stops setup.</summary>
public sealed class PrompterTests
{
    private static readonly Question<string> NodeName = new("--node-name", "Node name", "SAMPLE", AnswerRules.NodeName);

    [Fact]
    public void Enter_takes_the_default_shown_in_brackets()
    {
        var (answer, transcript) = Ask(NodeName, "\n");

        Assert.Equal("SAMPLE", answer);
        Assert.Equal("Node name [SAMPLE]: ", transcript);
    }

    [Fact]
    public void A_typed_answer_is_trimmed_and_read_by_the_questions_rule()
    {
        var (answer, _) = Ask(NodeName, "  tops20 \n");

        Assert.Equal("TOPS20", answer);
    }

    [Fact]
    public void A_wrong_answer_is_refused_with_its_reason_and_the_question_comes_again()
    {
        var (answer, transcript) = Ask(NodeName, "SAMPLE7\n1234\nERNIE\n");

        Assert.Equal("ERNIE", answer);
        Assert.Equal(
            "Node name [SAMPLE]:   'SAMPLE7' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)\n"
            + "Node name [SAMPLE]:   '1234' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)\n"
            + "Node name [SAMPLE]: ",
            transcript);
    }

    [Fact]
    public void Without_a_default_Enter_is_refused()
    {
        var question = NodeName with { Default = null };

        var (answer, transcript) = Ask(question, "\nMIM\n");

        Assert.Equal("MIM", answer);
        Assert.Equal("Node name:   an answer is needed here\nNode name: ", transcript);
    }

    [Fact]
    public void The_end_of_input_stops_with_exit_code_66_naming_the_question()
    {
        using var output = new StringWriter();
        var prompter = new Prompter(new StringReader("BAD!\n"), output);

        var error = Assert.Throws<HecnetJobsException>(() => prompter.Ask(NodeName));

        Assert.Equal(ExitCodes.InputEnded, error.ExitCode);
        Assert.Equal("setup: the input ended at 'Node name'; nothing was written", error.Message);
        Assert.EndsWith("Node name [SAMPLE]: \n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_is_read_by_the_secret_reader_and_never_written_out()
    {
        using var output = new StringWriter();
        var prompter = new Prompter(new StringReader(""), output, new Typed("", "s3cret-pw"));

        var password = prompter.Secret("--smtp-user", "SMTP password", fromEnvironment: null);

        Assert.Equal("s3cret-pw", password);
        Assert.Equal("SMTP password (not shown):   a password is needed for the login (or answer none to the login question)\nSMTP password (not shown): ", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Enter_at_the_password_takes_the_one_from_the_environment()
    {
        using var output = new StringWriter();
        var prompter = new Prompter(new StringReader("\n"), output);

        var password = prompter.Secret("--smtp-user", "SMTP password", fromEnvironment: "from-env-pw");

        Assert.Equal("from-env-pw", password);
        Assert.Equal("SMTP password (not shown; Enter takes $HECNETJOBS_SMTP_PASSWORD): ", output.ToString());
    }

    [Fact]
    public void The_end_of_input_at_the_password_stops_with_exit_code_66()
    {
        var prompter = new Prompter(new StringReader(""), TextWriter.Null, new Typed());

        var error = Assert.Throws<HecnetJobsException>(() => prompter.Secret("--smtp-user", "SMTP password", null));

        Assert.Equal(ExitCodes.InputEnded, error.ExitCode);
        Assert.Equal("setup: the input ended at 'SMTP password'; nothing was written", error.Message);
    }

    private static (T Answer, string Transcript) Ask<T>(Question<T> question, string input)
    {
        using var output = new StringWriter();
        var answer = new Prompter(new StringReader(input), output).Ask(question);
        return (answer, output.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>Lines typed at a terminal without echo; null when they run out (Ctrl-D).</summary>
    private sealed class Typed(params string[] lines) : ISecretReader
    {
        private readonly Queue<string> _lines = new(lines);

        public string? ReadSecret() => _lines.TryDequeue(out var line) ? line : null;
    }
}
