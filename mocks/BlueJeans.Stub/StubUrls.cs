namespace BlueJeans.Stub;

/// <summary>The stub's addresses, fixed once the server has its port.</summary>
internal sealed record StubUrls(string BaseUrl)
{
    public string ScimBaseUrl => BaseUrl + StubPaths.Base;
    public string ControlUrl => BaseUrl + StubPaths.Control;
    public string AcsUrl => BaseUrl + StubPaths.Acs;
    public string LoginLinkUrl => BaseUrl + StubPaths.Login;
    public string MetadataUrl => BaseUrl + StubPaths.Metadata;
    public string SloUrl => BaseUrl + StubPaths.Slo;

    /// <summary>The SP entity ID is its metadata URL, as many SPs do.</summary>
    public string EntityId => MetadataUrl;
}
