namespace Conformance.Results;

/// <summary>What a run says about one line of the guide.</summary>
public enum GuideLineVerdict
{
    /// <summary>Quoted by a scenario or check this run evaluated against the SP.</summary>
    Checked,

    /// <summary>Quoted only by scenarios or checks of this run that were skipped (the reason is theirs).</summary>
    NotEvaluated,

    /// <summary>Quoted by scenarios of the catalogue this run did not select.</summary>
    NotSelected,

    /// <summary>Testable, covered by no scenario yet (docs/seed/guide-coverage.yaml).</summary>
    NotCovered,

    /// <summary>No behaviour to check (docs/seed/guide-coverage.yaml).</summary>
    NotTestable,
}

/// <summary>One guide line as a report shows it.</summary>
public sealed record GuideLine(int Line, string Text, GuideLineVerdict Verdict, string? Reason, IReadOnlyList<string> Scenarios);
