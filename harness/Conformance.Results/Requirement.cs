namespace Conformance.Results;

public enum RequirementSource
{
    /// <summary>A line of the integration guide, quoted.</summary>
    Seed,
    Rfc7643,
    Rfc7644,
    /// <summary>SAML 2.0 (Core, Bindings, Profiles, Metadata): the text names the document and section.</summary>
    Saml,
}

/// <summary>What a scenario or check proves: a quoted guide line or a spec section.</summary>
public sealed record Requirement(RequirementSource Source, string Text)
{
    /// <summary>A stable short id for reports and JUnit (e.g. <c>RFC7644 §3.5.2</c>, <c>seed:L12</c>).</summary>
    public string Id => Source switch
    {
        RequirementSource.Seed => SeedLine is int line ? $"seed:L{line}" : "seed",
        RequirementSource.Rfc7643 => $"RFC7643 §{Text}",
        RequirementSource.Rfc7644 => $"RFC7644 §{Text}",
        _ => $"SAML {Text}",
    };

    /// <summary>The 1-based line of the guide the quote comes from (set by the loader).</summary>
    public int? SeedLine { get; init; }

    public Uri? Link => Source switch
    {
        RequirementSource.Rfc7643 => new Uri($"https://www.rfc-editor.org/rfc/rfc7643#section-{Text}"),
        RequirementSource.Rfc7644 => new Uri($"https://www.rfc-editor.org/rfc/rfc7644#section-{Text}"),
        RequirementSource.Saml => new Uri("https://docs.oasis-open.org/security/saml/v2.0/"),
        _ => null,
    };

    public override string ToString() => Source == RequirementSource.Seed ? $"{Id} \"{Text}\"" : Id;
}
