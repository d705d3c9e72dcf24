using System.Diagnostics;
using System.Text;

namespace HecnetJobs.Platform;

/// <summary>Appends a child's stdout and stderr, line by line as they come, to one file; closes it when both streams end.</summary>
internal sealed class OutputAppender : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _drained = new();
    private int _open = 2;

    public OutputAppender(string path)
    {
        // Others may read (the start-failure check) or rotate the file while it is written.
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true, NewLine = "\n" };
    }

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Waits until both streams have ended (the child and any of its children holding them have exited), at most <paramref name="timeout"/>.</summary>
    public bool WaitDrained(TimeSpan timeout) => _drained.Wait(timeout);

    public void Dispose()
    {
        lock (_lock)
        {
            _open = 0;
            _writer.Dispose();
            _drained.Set();
        }
    }

    /// <summary>A line, or null at the end of one of the two streams.</summary>
    private void Write(string? line)
    {
        lock (_lock)
        {
            if (_open == 0)
                return;
            if (line is not null)
            {
                try
                {
                    _writer.WriteLine(line);
                }
                catch (IOException)
                {
                    // A full disk loses PyDECnet's console output, never PyDECnet.
                }
                return;
            }
            if (--_open == 0)
            {
                _writer.Dispose();
                _drained.Set();
            }
        }
    }
}
