namespace HecnetJobs.Setup;

/// <summary>One question of <c>setup</c>: the prompt, the flag that answers it without asking, the default, and how an answer is read and checked.</summary>
/// <param name="Flag">The command-line flag that answers it (<c>--node-name</c>); named in the error when <c>--non-interactive</c> lacks it.</param>
/// <param name="Prompt">What is asked, without the default (<c>Node name in alert subjects</c>).</param>
/// <param name="Default">The answer Enter gives (from a flag, or from what setup found); null when an answer must be typed.</param>
/// <param name="Parse">Reads a trimmed answer; a refusal's reason is one line.</param>
public sealed record Question<T>(string Flag, string Prompt, string? Default, Func<string, Parsed<T>> Parse)
{
    /// <summary>What to say when no answer is given and there is no default, after the flag's name (<c>missing: no pydecnet found ...</c>).</summary>
    public string Missing { get; init; } = "missing";

    /// <summary>False for an answer that may hold a token (a ping URL): a printed summary says "(given)" instead.</summary>
    public bool Shown { get; init; } = true;
}
