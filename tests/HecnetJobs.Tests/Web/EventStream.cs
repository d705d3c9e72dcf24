using System.Text;
using System.Text.Json;

namespace HecnetJobs.Tests.Web;

/// <summary>A Server-Sent Events connection read as a browser would: the raw text kept, events handed out one by one.</summary>
internal sealed class EventStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();
    private readonly Task _pump;
    private readonly Queue<string> _events = new();
    private readonly StringBuilder _data = new();

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Everything received so far.</summary>
    public string Text
    {
        get
        {
            lock (_lock)
                return _text.ToString();
        }
    }

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    public static async Task<EventStream> OpenAsync(HttpClient client, Uri url, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
    }

    /// <summary>The data of the next event, waiting for it with a deadline.</summary>
    public async Task<string> NextEventAsync(TimeSpan? deadline = null)
    {
        string? next = null;
        await Support.Poll.UntilAsync(() =>
        {
            lock (_lock)
                return _events.TryDequeue(out next);
        }, "the next event", () => Text, deadline);
        return next!;
    }

    /// <summary>Skips events until one whose sections' HTML (decoded from the event's JSON) holds every piece of text given; returns that HTML.</summary>
    public async Task<string> NextEventWithAsync(params string[] parts)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var remaining = Support.Poll.DefaultDeadline - TimeProvider.System.GetElapsedTime(started);
            var html = Html(await NextEventAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero));
            if (parts.All(p => html.Contains(p, StringComparison.Ordinal)))
                return html;
        }
    }

    /// <summary>An event's state and sections, decoded from its JSON, as one text.</summary>
    public static string Html(string data)
    {
        using var json = JsonDocument.Parse(data);
        var sections = json.RootElement.GetProperty("sections").EnumerateObject().Select(s => s.Value.GetString());
        return $"state {json.RootElement.GetProperty("state").GetString()}\n{string.Join('\n', sections)}";
    }

    /// <summary>Waits until the server closes the stream.</summary>
    public Task EndAsync() => _pump.WaitAsync(Support.Poll.DefaultDeadline);

    private async Task PumpAsync()
    {
        try
        {
            while (await _reader.ReadLineAsync() is { } line)
            {
                lock (_lock)
                {
                    _text.Append(line).Append('\n');
                    if (line.StartsWith("data: ", StringComparison.Ordinal))
                        _data.Append(line.AsSpan(6));
                    else if (line.Length == 0 && _data.Length > 0)
                    {
                        _events.Enqueue(_data.ToString());
                        _data.Clear();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException)
        {
            // The connection was cut (the server stopped, or the test disposed it): the stream has ended.
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
