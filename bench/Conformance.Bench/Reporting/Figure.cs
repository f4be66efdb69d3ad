using System.Text.Json.Serialization;

namespace Conformance.Bench.Reporting;

/// <summary>The spread of one figure over its repetitions.</summary>
internal sealed record Stat(double Median, double Min, double Max, int Repetitions)
{
    public static Stat Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("A figure needs at least one sample.", nameof(samples));
        }
        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Stat(median, sorted[0], sorted[^1], sorted.Length);
    }
}

/// <summary>
/// One measured line of the table: a value with its spread and, where the issue asks for one, the ratio to the
/// limit or peer measured beside it in the same run (computed per repetition, so that drift on a shared machine
/// cancels out), and the goal that ratio or value is held to.
/// </summary>
internal sealed record Figure
{
    public required string Group { get; init; }
    public required string Name { get; init; }
    public required string Unit { get; init; }
    public required Stat Value { get; init; }
    public string? RatioTo { get; init; }
    public Stat? Ratio { get; init; }
    public string? Goal { get; init; }

    /// <summary>Null when the figure has no goal; otherwise whether the median meets it.</summary>
    public bool? Met { get; init; }

    public string? Note { get; init; }

    /// <summary>A figure held to a ceiling: met when its median is under it.</summary>
    public static Figure Under(string group, string name, string unit, Stat value, double under, string goal, string? note) => new()
    {
        Group = group,
        Name = name,
        Unit = unit,
        Value = value,
        Goal = goal,
        Met = value.Median < under,
        Note = note,
    };

    [JsonIgnore]
    public string Verdict => Met switch { true => "met", false => "MISSED", null => "" };
}
