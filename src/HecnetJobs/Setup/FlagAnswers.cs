namespace HecnetJobs.Setup;

/// <summary>
/// Answers for <c>--non-interactive</c>: each question takes its flag's value, else the default setup found; a question
/// with neither, or a value its rule refuses, is a usage error naming the flag (exit code 2). Each answer is printed,
/// so a scripted install's log shows what was chosen.
/// </summary>
public sealed class FlagAnswers(TextWriter output) : IAnswerSource
{
    public T Ask<T>(Question<T> question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Default is null)
            throw new HecnetJobsException($"{question.Flag}: {question.Missing}", ExitCodes.Usage);
        var parsed = question.Parse(question.Default);
        if (!parsed.IsValid)
            throw new HecnetJobsException($"{question.Flag}: {parsed.Problem}", ExitCodes.Usage);
        output.WriteLine($"{question.Prompt}: {(question.Shown || parsed.Value is null ? question.Default : "(given)")}");
        return parsed.Value!;
    }

    public string Secret(string flag, string prompt, string? fromEnvironment) =>
        fromEnvironment ?? throw new HecnetJobsException(
            $"{flag}: the password must be in ${Config.ConfigLoader.SmtpPasswordVariable} (never on the command line, where ps shows it)", ExitCodes.Usage);

    public void Say(string line) => output.WriteLine(line);
}
