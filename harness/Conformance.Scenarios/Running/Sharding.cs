using System.Globalization;
using Conformance.Results;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;

namespace Conformance.Scenarios.Running;

/// <summary>
/// <c>--shard i/n</c>: scenarios sorted by id are dealt round-robin, so every shard is the same size
/// (±1) and shards 1..n together hold each scenario exactly once.
/// </summary>
public static class Sharding
{
    public static (int Index, int Count) Parse(string text)
    {
        var parts = (text ?? "").Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return (index, count);
        }
        throw new InputException(new SourceLocation("--shard", 1, 1), $"expected i/n with 1 <= i <= n (e.g. 2/3), got '{text}'");
    }

    public static IReadOnlyList<Scenario> Select(IEnumerable<Scenario> scenarios, int index, int count) =>
        [.. scenarios.OrderBy(s => s.Id, StringComparer.Ordinal).Where((_, position) => position % count == index - 1)];
}
