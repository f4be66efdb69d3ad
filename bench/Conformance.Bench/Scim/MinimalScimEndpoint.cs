using System.Collections.Concurrent;
using System.Globalization;
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
    private const string Prefix = "/scim/v2/Users";
    private const string FilterStart = "userName eq \"";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _users = new(StringComparer.OrdinalIgnoreCase);
    private int _nextId;

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
        if (request.Path != Prefix)
        {
            response.StatusCode = 404;
            return;
        }
        response.ContentType = "application/scim+json";
        if (HttpMethods.IsGet(request.Method))
        {
            var filter = request.Query["filter"].ToString();
            var userName = filter.StartsWith(FilterStart, StringComparison.Ordinal) ? filter[FilterStart.Length..^1] : "";
            var found = _users.TryGetValue(userName, out var stored) ? stored : null;
            await response.WriteAsync(
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":"
                + (found is null ? "0,\"Resources\":[]}" : "1,\"Resources\":[" + found + "]}"), context.RequestAborted);
            return;
        }
        if (HttpMethods.IsPost(request.Method))
        {
            var user = (await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted))!.AsObject();
            user["id"] = "u-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
            var json = user.ToJsonString();
            if (!_users.TryAdd((string)user["userName"]!, json))
            {
                response.StatusCode = 409;
                return;
            }
            response.StatusCode = 201;
            await response.WriteAsync(json, context.RequestAborted);
            return;
        }
        response.StatusCode = 405;
    }
}
