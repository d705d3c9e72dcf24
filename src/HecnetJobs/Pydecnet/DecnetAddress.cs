using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HecnetJobs.Pydecnet;

/// <summary>A DECnet Phase IV node address, written <c>area.node</c> (e.g. <c>1.13</c>); valid addresses have area 1–63 and node 1–1023.</summary>
/// <remarks>
/// The struct can hold numbers outside those ranges so that a parser can report <c>64.1</c> by its value;
/// <see cref="IsValid"/> says whether PyDECnet would accept it.
/// </remarks>
public readonly record struct DecnetAddress(int Area, int Node) : IComparable<DecnetAddress>
{
    /// <summary>The highest area number PyDECnet accepts.</summary>
    public const int MaxArea = 63;

    /// <summary>The highest node number within an area PyDECnet accepts.</summary>
    public const int MaxNode = 1023;

    /// <summary>Whether area and node are in PyDECnet's ranges (1–63 and 1–1023).</summary>
    public bool IsValid => Area is >= 1 and <= MaxArea && Node is >= 1 and <= MaxNode;

    /// <summary>The address as one number, area × 1024 + node, the form PyDECnet's JSON API uses.</summary>
    public int Value => (Area * 1024) + Node;

    /// <summary>Parses a valid address such as <c>1.13</c>, or throws <see cref="FormatException"/>.</summary>
    public static DecnetAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not a DECnet address (<area>.<node>, area 1-63, node 1-1023, e.g. '1.13')");

    /// <summary>Parses a valid address such as <c>1.13</c>; a bare node number is refused because its area would depend on the router.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out DecnetAddress address)
    {
        if (text is not null && TryParseAnyRange(text, out address) && address.IsValid)
            return true;
        address = default;
        return false;
    }

    /// <summary>Parses <c>digits.digits</c> (ASCII, at most 9 digits each) without checking the ranges.</summary>
    internal static bool TryParseAnyRange(ReadOnlySpan<char> text, out DecnetAddress address)
    {
        address = default;
        var dot = text.IndexOf('.');
        if (dot < 0)
            return false;
        if (!TryParseDigits(text[..dot], out var area) || !TryParseDigits(text[(dot + 1)..], out var node))
            return false;
        address = new DecnetAddress(area, node);
        return true;
    }

    public int CompareTo(DecnetAddress other) =>
        Area != other.Area ? Area.CompareTo(other.Area) : Node.CompareTo(other.Node);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Area}.{Node}");

    public static bool operator <(DecnetAddress left, DecnetAddress right) => left.CompareTo(right) < 0;

    public static bool operator >(DecnetAddress left, DecnetAddress right) => left.CompareTo(right) > 0;

    public static bool operator <=(DecnetAddress left, DecnetAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >=(DecnetAddress left, DecnetAddress right) => left.CompareTo(right) >= 0;

    private static bool TryParseDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        // Nine digits always fit in an int; int.Parse alone would also take signs and spaces.
        if (digits.IsEmpty || digits.Length > 9)
            return false;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
