namespace HecnetJobs.Setup;

/// <summary>Where answers come from: a person at a prompt, or the command-line flags of <c>--non-interactive</c>.</summary>
public interface IAnswerSource
{
    /// <summary>The answer to <paramref name="question"/>, valid by its own rule.</summary>
    T Ask<T>(Question<T> question);

    /// <summary>A password: typed without echo at a terminal, or <paramref name="fromEnvironment"/> (the value of the variable that holds it) when set and accepted.</summary>
    string Secret(string flag, string prompt, string? fromEnvironment);

    /// <summary>Writes a line of information between questions (what was read from a file the user named).</summary>
    void Say(string line);
}
