using System.Globalization;
using System.Text;

namespace HecnetJobs.Names;

/// <summary>Turns the bytes of a download into text, refusing what is clearly not a node list: HTML pages and bytes that are not UTF-8 text.</summary>
/// <remarks>
/// An empty body is passed on: the validator refuses it with its own words. Everything that is text goes on to the
/// parser, which counts the lines it cannot read, so a list with a few odd lines is judged there, not here.
/// </remarks>
public static class NodeListContent
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="body"/>, or a <see cref="NodeListDownloadException"/> (content refused) saying why it is not a node list.</summary>
    public static string ToText(ReadOnlySpan<byte> body, string? contentType)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? string.Create(CultureInfo.InvariantCulture, $" at byte {e.Index}") : "";
            throw new NodeListDownloadException($"the list is not text: it is not valid UTF-8{at}", contentRefused: true, e);
        }
        var control = FirstControl(text);
        if (control >= 0)
            throw new NodeListDownloadException(string.Create(CultureInfo.InvariantCulture, $"the list is not text: control character 0x{(int)text[control]:X2} at character {control}"), contentRefused: true);
        if (LooksLikeHtml(text))
        {
            var first = text.AsSpan().TrimStart().ToString().Split('\n')[0].Trim();
            var type = contentType is null ? "" : $" ({contentType})";
            throw new NodeListDownloadException($"the server sent an HTML page{type}, not a node list: '{Cut(first)}'", contentRefused: true);
        }
        return text;
    }

    private static bool LooksLikeHtml(string text)
    {
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty || start[0] != '<')
            return false;
        foreach (var tag in (string[])["<!doctype html", "<html", "<head", "<body", "<title", "<?xml", "<!--", "<h1", "<p>"])
        {
            if (start.StartsWith(tag, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>The index of the first control character other than the white space a text file has (tab, CR, LF, FF), or -1.</summary>
    private static int FirstControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) && text[i] is not ('\t' or '\r' or '\n' or '\f'))
                return i;
        }
        return -1;
    }

    private static string Cut(string line) => line.Length <= 60 ? line : line[..60] + "...";
}
