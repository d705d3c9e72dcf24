using System.Text;

namespace HecnetJobs.Setup;

/// <summary>Reads a password from the terminal key by key without echo; Backspace deletes, Enter ends, Ctrl-D on an empty line is the end of input.</summary>
internal sealed class TerminalSecretReader(TextWriter output) : ISecretReader
{
    public string? ReadSecret()
    {
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    output.WriteLine();
                    return typed.ToString();
                case ConsoleKey.Backspace:
                    if (typed.Length > 0)
                        typed.Length--;
                    break;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control):
                    if (typed.Length == 0)
                        return null;
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                        typed.Append(key.KeyChar);
                    break;
            }
        }
    }
}
