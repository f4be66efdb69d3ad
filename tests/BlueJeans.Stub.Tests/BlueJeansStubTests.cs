namespace BlueJeans.Stub.Tests;

public class BlueJeansStubTests
{
    [Test]
    public async Task StartAsync_WithPortZero_BindsLoopbackAndDerivesTheUrls()
    {
        await using var stub = await BlueJeansStub.StartAsync(new BlueJeansStubOptions { Port = 0 });

        Assert.Multiple(() =>
        {
            Assert.That(new Uri(stub.BaseUrl).Host, Is.EqualTo("127.0.0.1"));
            Assert.That(new Uri(stub.BaseUrl).Port, Is.Not.Zero);
            Assert.That(stub.ScimBaseUrl, Is.EqualTo(stub.BaseUrl + "/scim/v2"));
            Assert.That(stub.ControlUrl, Is.EqualTo(stub.BaseUrl + "/_control"));
            Assert.That(stub.AcsUrl, Is.EqualTo(stub.BaseUrl + "/saml/acs"));
            Assert.That(stub.LoginLinkUrl, Is.EqualTo(stub.BaseUrl + "/saml/login"));
        });
    }

    [Test]
    public async Task TwoStubs_RunSideBySideOnDifferentPorts()
    {
        await using var first = await BlueJeansStub.StartAsync();
        await using var second = await BlueJeansStub.StartAsync();

        Assert.That(first.BaseUrl, Is.Not.EqualTo(second.BaseUrl));
    }

    [Test]
    public async Task RunAsync_ServesUntilCancelledAndPrintsItsUrls()
    {
        using var cancellation = new CancellationTokenSource();
        using var output = new StringWriter();
        var port = FreePort();

        var running = BlueJeansStub.RunAsync(port, output, cancellation.Token);
        using var client = new HttpClient();
        using var home = await client.GetAsync($"http://127.0.0.1:{port}/");
        await cancellation.CancelAsync();
        await running;

        Assert.Multiple(() =>
        {
            Assert.That(home.IsSuccessStatusCode, Is.True);
            Assert.That(output.ToString(), Does.Contain($"http://127.0.0.1:{port}/scim/v2"));
            Assert.That(output.ToString(), Does.Contain("stopped"));
        });
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
