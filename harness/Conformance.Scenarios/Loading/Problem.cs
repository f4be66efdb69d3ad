using Conformance.Results;

namespace Conformance.Scenarios.Loading;

/// <summary>One thing wrong with an input file, printed as <c>file:line:column: message</c>.</summary>
public sealed record Problem(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>Bad input (exit code 2): every problem found, not just the first.</summary>
public sealed class InputException : Exception
{
    public InputException(IReadOnlyList<Problem> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    public InputException(SourceLocation location, string message) : this([new Problem(location, message)]) { }

    public InputException() : this([]) { }

    public InputException(string message) : base(message) => Problems = [];

    public InputException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    public IReadOnlyList<Problem> Problems { get; }
}
