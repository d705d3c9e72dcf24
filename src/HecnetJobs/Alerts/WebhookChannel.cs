using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HecnetJobs.Alerts;

/// <summary>
/// POSTs each message as JSON (docs/alerts.md has the body). With a secret, the body is signed:
/// <c>X-Hecnetjobs-Signature: sha256=&lt;hex of HMAC-SHA256(secret, body)&gt;</c>. The fields <c>text</c> (Slack,
/// Mattermost) and <c>title</c>, <c>message</c>, <c>priority</c> (Gotify) let common services take it as it is.
/// </summary>
public sealed class WebhookChannel(WebhookOptions options) : IAlertChannel
{
    public const string ChannelName = "webhook";

    public const string SignatureHeader = "X-Hecnetjobs-Signature";

    public const string MessageIdHeader = "X-Hecnetjobs-Message-Id";

    public string Name => ChannelName;

    public string MinSeverity => options.MinSeverity;

    public string Target => AlertHttp.Origin(options.Url);

    public async Task<string> SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var body = Body(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(MessageIdHeader, message.MessageId);
        if (options.Secret is { } secret)
            request.Headers.Add(SignatureHeader, Signature(secret.Reveal(), body));
        return await AlertHttp.SendAsync(request, options.Timeout, cancellationToken);
    }

    /// <summary>The header value for a body: <c>sha256=</c> and the lower-case hex HMAC-SHA256.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The JSON body, UTF-8.</summary>
    public static byte[] Body(AlertMessage message)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("messageId", message.MessageId);
            json.WriteString("node", message.NodeName);
            json.WriteString("severity", message.Severity);
            json.WriteString("createdAt", message.CreatedAt);
            json.WriteString("subject", message.Subject);
            json.WriteString("text", $"{message.Subject}\n\n{message.Text}");
            json.WriteString("title", message.Subject);
            json.WriteString("message", message.Text);
            json.WriteNumber("priority", AlertSeverity.Rank(message.Severity) switch { 3 => 8, 2 => 5, _ => 2 });
            json.WriteStartArray("alerts");
            foreach (var queued in message.Alerts)
            {
                json.WriteStartObject();
                json.WriteNumber("id", queued.Id);
                json.WriteString("raisedAt", queued.Alert.RaisedAt);
                json.WriteString("source", queued.Alert.Source);
                json.WriteString("kind", queued.Alert.Kind);
                json.WriteString("severity", queued.Alert.Severity);
                json.WriteString("subject", queued.Alert.Subject);
                json.WriteString("body", queued.Alert.Body);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }
}
