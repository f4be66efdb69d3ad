namespace Conformance.Scim;

/// <summary>How updates reach the SP: RFC 7644 3.5.2 PATCH (the default), or 3.5.1 PUT for SPs without PATCH.</summary>
public enum UpdateMode
{
    Patch,
    Put,
}

/// <summary>
/// The Identity Management tab of one application. The engine sends what the directory holds; limits such as
/// BlueJeans' 30-character userName are the SP's to enforce ("Bluejeans does not allow userNames that exceed 30 characters.").
/// </summary>
public sealed record IdmSettings
{
    /// <summary>The SP's SCIM base URL, e.g. https://sp.example/scim/v2 (no trailing resource name).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>"Token Key - paste the API Token generated in the previous section".</summary>
    public required string Token { get; init; }

    /// <summary>"These DI events will only be present if SCIM Groups are supported."</summary>
    public bool GroupsEnabled { get; init; }

    /// <summary>"Bluejeans supports password synchronization."</summary>
    public bool PasswordSync { get; init; }

    public UpdateMode UpdateMode { get; init; } = UpdateMode.Patch;

    /// <inheritdoc/>
    public override string ToString() =>
        $"IdmSettings {{ BaseUrl = {BaseUrl}, Token = [REDACTED], GroupsEnabled = {GroupsEnabled}, PasswordSync = {PasswordSync}, UpdateMode = {UpdateMode} }}";
}
