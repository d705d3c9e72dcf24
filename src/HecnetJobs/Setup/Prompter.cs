namespace HecnetJobs.Setup;

/// <summary>
/// Asks a person: the question with its default in brackets, Enter takes the default, a wrong answer is refused with a
/// one-line reason and the question comes again. The end of the input (Ctrl-D, or a closed pipe) stops setup before
/// anything is written (exit code 66).
/// </summary>
public sealed class Prompter(TextReader input, TextWriter output, ISecretReader? secrets = null) : IAnswerSource
{
    public T Ask<T>(Question<T> question)
    {
        ArgumentNullException.ThrowIfNull(question);
        while (true)
        {
            output.Write(question.Default is null ? $"{question.Prompt}: " : $"{question.Prompt} [{question.Default}]: ");
            output.Flush();
            var text = ReadLine(question.Prompt).Trim();
            if (text.Length == 0)
            {
                if (question.Default is null)
                {
                    Refuse("an answer is needed here");
                    continue;
                }
                text = question.Default;
            }
            var parsed = question.Parse(text);
            if (parsed.IsValid)
                return parsed.Value!;
            Refuse(parsed.Problem!);
        }
    }

    public string Secret(string flag, string prompt, string? fromEnvironment)
    {
        while (true)
        {
            output.Write(fromEnvironment is null ? $"{prompt} (not shown): " : $"{prompt} (not shown; Enter takes ${Config.ConfigLoader.SmtpPasswordVariable}): ");
            output.Flush();
            var text = (secrets is not null ? secrets.ReadSecret() : input.ReadLine()) ?? throw Ended(prompt);
            text = text.TrimEnd('\r');
            if (text.Length == 0 && fromEnvironment is not null)
                return fromEnvironment;
            if (text.Length == 0)
                Refuse("a password is needed for the login (or answer none to the login question)");
            else if (text.Any(char.IsControl))
                Refuse("the password has a control character; type it again");
            else
                return text;
        }
    }

    public void Say(string line) => output.WriteLine(line);

    private string ReadLine(string prompt) => input.ReadLine() ?? throw Ended(prompt);

    private void Refuse(string reason) => output.WriteLine($"  {reason}");

    private HecnetJobsException Ended(string prompt)
    {
        // The prompt is still open on the terminal; end its line so the shell's prompt starts clean.
        output.WriteLine();
        return new HecnetJobsException($"setup: the input ended at '{prompt}'; nothing was written", ExitCodes.InputEnded);
    }
}
