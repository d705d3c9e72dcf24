using System.Security.Cryptography;
using System.Text;

namespace HecnetJobs.Web;

/// <summary>
/// Decides whether a request may read the page: anyone when no token and no user are configured (loopback only, the
/// config loader makes sure), else a matching bearer token (header or <c>?token=</c>) or basic-auth user and password.
/// Compared in constant time over SHA-256 digests, so neither the value nor its length leaks through timing.
/// </summary>
public sealed class WebAuth(WebOptions options)
{
    private readonly byte[]? _token = options.Token is { } token ? Digest(token.Reveal()) : null;
    private readonly byte[]? _user = options.User is { } user ? Digest(user) : null;
    private readonly byte[]? _password = options.Password is { } password ? Digest(password.Reveal()) : null;

    /// <summary>The <c>WWW-Authenticate</c> challenge of a refusal: basic when a user is configured, so a browser asks for it.</summary>
    public string Challenge => _user is not null ? "Basic realm=\"HecnetJobs\", charset=\"UTF-8\"" : "Bearer realm=\"HecnetJobs\"";

    /// <summary>True when the request may pass, given its <c>Authorization</c> header and its <c>token</c> query value (either may be null).</summary>
    public bool Allows(string? authorization, string? queryToken)
    {
        if (!options.RequiresAuth)
            return true;
        if (_token is not null && queryToken is not null && Same(_token, queryToken))
            return true;
        if (authorization is null)
            return false;
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
            return false;
        var scheme = authorization[..space];
        var value = authorization[(space + 1)..].Trim();
        if (_token is not null && scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return Same(_token, value);
        if (_user is not null && _password is not null && scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return BasicMatches(value);
        return false;
    }

    private bool BasicMatches(string encoded)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return false;
        // Both compared every time (no short cut), so the time does not tell a right user from a wrong one.
        var userMatches = Same(_user!, decoded[..colon]);
        var passwordMatches = Same(_password!, decoded[(colon + 1)..]);
        return userMatches & passwordMatches;
    }

    private static bool Same(byte[] expectedDigest, string given) =>
        CryptographicOperations.FixedTimeEquals(expectedDigest, Digest(given));

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
