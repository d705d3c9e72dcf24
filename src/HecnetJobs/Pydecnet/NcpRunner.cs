using System.ComponentModel;
using System.Globalization;
using System.Text;
using CliWrap;

namespace HecnetJobs.Pydecnet;

/// <summary>
/// Runs PyDECnet's <c>ncp show node TARGET</c> as an argument list (no shell), with <c>DECNETAPI</c> naming the API
/// socket, and kills its whole process tree after the timeout: ncp has no timeout of its own and waits forever on a
/// hung PyDECnet.
/// </summary>
public sealed class NcpRunner(string program, string apiSocket, TimeSpan timeout, TimeProvider time)
{
    public async Task<NcpRun> ShowNodeAsync(string target, CancellationToken cancellationToken)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var command = CliWrap.Cli.Wrap(program)
            .WithArguments(["show", "node", target])
            .WithEnvironmentVariables(env => env.Set("DECNETAPI", apiSocket))
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr, Encoding.UTF8));
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = time.GetTimestamp();
        int? pid = null;
        try
        {
            var task = command.ExecuteAsync(linked.Token);
            pid = task.ProcessId;
            var result = await task;
            var elapsed = time.GetElapsedTime(started);
            var reply = NcpParser.ParseShowNode(target, stdout.ToString(), stderr.ToString(), result.ExitCode, timedOut: false);
            return new(target, stdout.ToString(), stderr.ToString(), result.ExitCode, false, elapsed, pid, reply);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // CliWrap's forceful cancellation has killed the process and its children (Process.Kill(entireProcessTree)).
            var reply = NcpParser.ParseShowNode(target, stdout.ToString(), stderr.ToString(), -1, timedOut: true);
            var text = reply.Reason + $" (killed after {Config.Duration.Format(timeout)})";
            return new(target, stdout.ToString(), stderr.ToString(), null, true, time.GetElapsedTime(started), pid, reply with { Reason = text });
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException && pid is null)
        {
            var why = (e.InnerException as Win32Exception ?? e as Win32Exception)?.Message ?? e.Message;
            var reply = new NcpReply(LinkVerdict.Unknown, NcpReplyKinds.Launch, string.Create(CultureInfo.InvariantCulture, $"ncp could not be started ({program}: {why})"), null);
            return new(target, "", "", null, false, TimeSpan.Zero, null, reply);
        }
    }
}
