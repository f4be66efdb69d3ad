namespace Conformance.Catalogue.Tests;

[SetUpFixture]
public sealed class SharedSps
{
    [OneTimeTearDown]
    public Task StopThem() => Catalogue.StopAllAsync();
}
