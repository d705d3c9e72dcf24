using System.Runtime.InteropServices;

namespace HecnetJobs.Cli;

/// <summary>Turns SIGINT and SIGTERM into a cancellation, and remembers which one came for the exit code.</summary>
internal sealed class SignalScope : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    public SignalScope()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The signal that asked us to stop, if any.</summary>
    public PosixSignal? Received { get; private set; }

    /// <summary>130 after SIGINT, 143 after SIGTERM, else <paramref name="otherwise"/>.</summary>
    public int ExitCode(int otherwise) => Received switch
    {
        PosixSignal.SIGINT => ExitCodes.Interrupted,
        PosixSignal.SIGTERM => ExitCodes.Terminated,
        _ => otherwise,
    };

    private void Handle(PosixSignalContext context)
    {
        // Keep the runtime from ending the process: we stop in order and choose the exit code ourselves.
        context.Cancel = true;
        Received ??= context.Signal;
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _source.Dispose();
    }
}
