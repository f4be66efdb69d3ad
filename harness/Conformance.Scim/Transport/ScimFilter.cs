namespace Conformance.Scim.Transport;

/// <summary>Query strings for RFC 7644 3.4.2 searches.</summary>
internal static class ScimFilter
{
    /// <summary>
    /// <c>?filter=attribute eq "value"</c>. RFC 7644 3.4.2.2: a compValue string is a JSON string, so '"' and '\'
    /// are escaped as in JSON before the whole filter is percent-encoded.
    /// </summary>
    public static string Equal(string attribute, string value) => "?filter=" + Uri.EscapeDataString($"{attribute} eq {Quote(value)}");

    /// <summary><c>&amp;filter=attribute sw "value"</c>, to add to a page's query (RFC 7644 3.4.2.2 "sw").</summary>
    public static string AndStartsWith(string attribute, string value) => "&filter=" + Uri.EscapeDataString($"{attribute} sw {Quote(value)}");

    /// <summary>A filter string literal: the value as a JSON string, with '"' and '\' escaped.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>One page of a list (RFC 7644 3.4.2.4: startIndex is 1-based).</summary>
    public static string Page(int startIndex, int count) => $"?startIndex={startIndex}&count={count}";
}
