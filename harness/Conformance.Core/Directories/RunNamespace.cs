using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Conformance.Core.Directories;

/// <summary>
/// The mark a run puts on every user, group and external id it creates (<c>k3x9.delores.brown1</c>), so that runs
/// against one tenant, one after another or at once, never meet each other's objects or the tenant's own data.
/// <see cref="None"/> leaves names as the scenario wrote them (an SP wiped before every scenario needs no mark).
/// </summary>
public sealed partial record RunNamespace
{
    private RunNamespace(string mark) => Mark = mark;

    /// <summary>No mark: names exactly as written.</summary>
    public static RunNamespace None { get; } = new("");

    /// <summary>Lower-case letters and digits, 1 to 8 of them; empty for <see cref="None"/>.</summary>
    public string Mark { get; }

    /// <summary>What marked names start with: the mark and a dot.</summary>
    public string Prefix => Mark.Length == 0 ? "" : Mark + ".";

    public bool IsNone => Mark.Length == 0;

    /// <summary>A mark given by the user (<c>--namespace</c>); <c>none</c> is <see cref="None"/>.</summary>
    public static bool TryParse(string text, out RunNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(text);
        ns = text == "none" ? None : new RunNamespace(text);
        return text == "none" || MarkPattern().IsMatch(text);
    }

    /// <summary>A fresh four-character mark: 36^4 of them, so two runs started together practically never share one.</summary>
    public static RunNamespace NewRandom()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> mark = stackalloc char[4];
        mark[0] = alphabet[RandomNumberGenerator.GetInt32(26)];
        for (var i = 1; i < mark.Length; i++)
        {
            mark[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }
        return new RunNamespace(new string(mark));
    }

    /// <summary>The name marked; a name already marked is returned as it is, so applying twice changes nothing.</summary>
    public string Apply(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return IsNone || Owns(name) ? name : Prefix + name;
    }

    /// <summary>
    /// The value marked without changing its length (its first characters give way to the mark), for values whose
    /// length is the point: the 30-character userName, the 64-character local part of an email.
    /// </summary>
    public string Fit(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsNone || Owns(value) || value.Length <= Prefix.Length ? value : Prefix + value[Prefix.Length..];
    }

    /// <summary>True when <paramref name="name"/> is one of this run's (always true without a mark).</summary>
    public bool Owns(string? name) => IsNone || (name is not null && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => IsNone ? "none" : Mark;

    [GeneratedRegex("^[a-z][a-z0-9]{0,7}$")]
    private static partial Regex MarkPattern();
}
