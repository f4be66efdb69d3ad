namespace Conformance.Results;

/// <summary>The report's top-level grouping (and the JUnit testsuite).</summary>
public enum Area
{
    Sso,
    Scim,
    Di,
    Removal,
    Security,
}
