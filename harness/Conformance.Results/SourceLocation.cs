namespace Conformance.Results;

/// <summary>A place in a scenario file, 1-based, as editors and compilers print it.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
