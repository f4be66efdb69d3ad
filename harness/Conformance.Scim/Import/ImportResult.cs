using Conformance.Core.Directories;

namespace Conformance.Scim.Import;

/// <summary>
/// What "Click Import" answered. Inline imports list the users created; larger ones (<see cref="Completed"/> false)
/// finish in the background and report through the organisation's outbox.
/// </summary>
public sealed record ImportResult(bool Completed, IReadOnlyList<DirectoryUser> Created, IReadOnlyList<ImportCandidate> Skipped, string Message)
{
    /// <summary>For an import that finishes in the background: what it created and skipped once done.</summary>
    public Task<ImportResult>? Finished { get; init; }
}
