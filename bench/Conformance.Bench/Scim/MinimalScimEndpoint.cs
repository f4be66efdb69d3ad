using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conformance.Bench.Scim;

/// <summary>
/// The least a SCIM 2.0 SP must do for a push (RFC 7644 3.4.2 userName eq lookup, 3.3 create) on bare Kestrel:
/// the transport ceiling the engine is compared with, and the yardstick for what the WireMock stub itself costs.
/// </summary>
internal sealed class MinimalScimEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MinimalScimUsers _users = new();

    private MinimalScimEndpoint(WebApplication app, string token)
    {
        _app = app;
        Token = token;
    }

    public string Token { get; }
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<MinimalScimEndpoint> StartAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new MinimalScimEndpoint(app, token);
        app.Run(endpoint.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        endpoint.BaseUrl = new Uri(address + "/scim/v2");
        return endpoint;
    }

    public void Clear() => _users.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.Headers.Authorization != "Bearer " + Token)
        {
            response.StatusCode = 401;
            return;
        }
        if (request.Path != MinimalScimUsers.UsersPath)
        {
            response.StatusCode = 404;
            return;
        }
        response.ContentType = "application/scim+json";
        if (HttpMethods.IsGet(request.Method))
        {
            await response.WriteAsync(_users.Lookup(request.Query["filter"].ToString()), context.RequestAborted);
            return;
        }
        if (HttpMethods.IsPost(request.Method))
        {
            var (status, json) = _users.Create((await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted))!.AsObject());
            response.StatusCode = status;
            if (json is not null)
            {
                await response.WriteAsync(json, context.RequestAborted);
            }
            return;
        }
        response.StatusCode = 405;
    }
}
