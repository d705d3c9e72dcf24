using CsCheck;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Tests.Pydecnet;

public sealed class NcpParserPropertyTests
{
    private static readonly string[] Targets = ["MIM", "mim", "1.13", "SAMPLE", "9.54", "ERNIE", "1.2", "9.999", "1.999", "9.5", "FOOBAR", "", " MIM "];

    private static readonly string[] Kinds =
    [
        NcpReplyKinds.Reachable, NcpReplyKinds.Unreachable, NcpReplyKinds.Executor, NcpReplyKinds.UnknownComponent,
        NcpReplyKinds.CommandError, NcpReplyKinds.NoInformation, NcpReplyKinds.NotRunning, NcpReplyKinds.StaleSocket,
        NcpReplyKinds.Timeout, NcpReplyKinds.Unrecognised,
    ];

    // Characters ncp output is made of, plus a few it never prints, so random text often looks almost right.
    private const string Alphabet = "Reachable Unreachable Executor node = State On, 0123456789.() MIM SAMPLE ERNIE DMC-0\n\r\t\0é";

    private static readonly string[] States = ["", "Reachable", "Unreachable"];

    private static readonly Gen<string> Target = Gen.OneOf(Targets);

    private static readonly Gen<string> NcpLikeText = Gen.OneOf(Gen.String, Gen.String[Gen.Char[Alphabet], 0, 400]);

    private static readonly Gen<NcpSample> Sample = Gen.OneOf([.. NcpSample.Prefixes.Order(StringComparer.Ordinal).Select(NcpSample.Load)]);

    private static readonly Gen<(int Op, int Line, int Column, char Char)> Mutation =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1_000], Gen.Int[0, 100], Gen.OneOf(Gen.Char[Alphabet], Gen.Char));

    [Fact]
    public void Random_text_never_throws_and_is_never_up_without_a_reachable_row_or_an_executor_block_for_the_target()
    {
        Gen.Select(Target, NcpLikeText, NcpLikeText, Gen.OneOf(0, 0, 1, 124, -1), Gen.Bool).Sample((target, stdout, stderr, exitCode, timedOut) =>
        {
            var reply = NcpParser.ParseShowNode(target, stdout, stderr, exitCode, timedOut);
            AssertJustified(target, stdout, exitCode, timedOut, reply);
            Assert.All(NcpParser.ParseNodeTable(stdout), AssertWellFormed);
        }, iter: 5_000);
    }

    [Fact]
    public void Mutated_real_captures_never_throw_and_are_never_up_without_a_reachable_row_or_an_executor_block_for_the_target()
    {
        Gen.Select(Sample, Target, Mutation.Array[1, 6], Gen.Bool).Sample((sample, target, mutations, keepExitCode) =>
        {
            var stdout = Mutate(sample.Stdout, mutations);
            var exitCode = keepExitCode ? sample.ExitCode : 0;
            var reply = NcpParser.ParseShowNode(target, stdout, sample.Stderr, exitCode, sample.TimedOut);
            AssertJustified(target, stdout, exitCode, sample.TimedOut, reply);
            Assert.All(NcpParser.ParseNodeTable(stdout), AssertWellFormed);
        }, iter: 5_000);
    }

    [Fact]
    public void A_reachable_row_keeps_its_verdict_whatever_garbage_surrounds_the_table()
    {
        var table = NcpSample.Load("reachable_show-node-MIM").Stdout;
        Gen.Select(Gen.String[Gen.Char[Alphabet], 0, 200], Gen.String[Gen.Char[Alphabet], 0, 200]).Sample((before, after) =>
        {
            var reply = NcpParser.ParseShowNode("MIM", $"{before}\n{table}\n{after}", "", 0, false);
            Assert.True(reply.Verdict == LinkVerdict.Up || reply.Kind is NcpReplyKinds.CommandError or NcpReplyKinds.UnknownComponent or NcpReplyKinds.Unrecognised,
                $"{reply.Kind}: {reply.Reason}");
        }, iter: 2_000);
    }

    /// <summary>Applies drop (0), duplicate (1), truncate (2) or replace-one-character (3) to lines picked modulo the line count.</summary>
    private static string Mutate(string text, (int Op, int Line, int Column, char Char)[] mutations)
    {
        var lines = text.Split('\n').ToList();
        foreach (var (op, lineIndex, column, c) in mutations)
        {
            if (lines.Count == 0)
                break;
            var i = lineIndex % lines.Count;
            var line = lines[i];
            switch (op)
            {
                case 0:
                    lines.RemoveAt(i);
                    break;
                case 1:
                    lines.Insert(i, line);
                    break;
                case 2:
                    lines[i] = line[..Math.Min(column, line.Length)];
                    break;
                default:
                    if (line.Length > 0)
                        lines[i] = string.Concat(line.AsSpan(0, column % line.Length), c.ToString(), line.AsSpan((column % line.Length) + 1));
                    break;
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>Checks the reply against the raw text, without the parser's help: Up needs the target's own Reachable row or executor line.</summary>
    private static void AssertJustified(string target, string stdout, int exitCode, bool timedOut, NcpReply reply)
    {
        Assert.Contains(reply.Kind, Kinds);
        Assert.False(string.IsNullOrWhiteSpace(reply.Reason));
        Assert.DoesNotContain('\n', reply.Reason);
        Assert.True(reply.Reason.Length <= 300, reply.Reason);
        if (reply.Verdict == LinkVerdict.Unknown)
            return;
        Assert.True(exitCode == 0 && !timedOut, $"{reply.Verdict} with exit code {exitCode}, timed out {timedOut}");
        var lines = stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        var wanted = target.Trim();
        if (reply.Kind == NcpReplyKinds.Executor)
        {
            Assert.Equal(LinkVerdict.Up, reply.Verdict);
            Assert.Contains(lines, l => l.TrimStart().StartsWith("Executor node = ", StringComparison.Ordinal)
                && (l.Contains($"= {wanted} (", StringComparison.Ordinal) || l.Contains($"= {wanted},", StringComparison.Ordinal)
                    || l.Contains($"({wanted.ToUpperInvariant()}),", StringComparison.Ordinal)));
            return;
        }
        var row = reply.Row;
        Assert.NotNull(row);
        Assert.True(row.Address == wanted || string.Equals(row.Name, wanted, StringComparison.OrdinalIgnoreCase), $"row {row.Display} is not '{wanted}'");
        var (kind, state) = reply.Verdict == LinkVerdict.Up ? (NcpReplyKinds.Reachable, "Reachable") : (NcpReplyKinds.Unreachable, "Unreachable");
        Assert.Equal((kind, state), (reply.Kind, row.State));
        Assert.Contains(lines, l => l.StartsWith(row.Display, StringComparison.Ordinal) && l.Length >= 16 + state.Length
            && l.AsSpan(16, state.Length).SequenceEqual(state) && (l.Length == 16 + state.Length || l[16 + state.Length] == ' '));
    }

    private static void AssertWellFormed(NcpNodeRow row)
    {
        Assert.Matches(@"^[0-9]{1,2}\.[0-9]{1,4}$", row.Address);
        Assert.Contains(row.State, States);
        Assert.True(row.Name is null || row.Name is { Length: >= 1 and <= 6 });
    }
}
