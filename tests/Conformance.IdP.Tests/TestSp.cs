using System.Collections.Concurrent;
using Conformance.Saml;
using Conformance.Saml.Bindings;
using Conformance.Saml.Protocol;
using Conformance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conformance.IdP.Tests;

/// <summary>What the in-test SP's ACS received.</summary>
internal sealed record AcsPost(string SamlResponse, string? RelayState);

/// <summary>
/// A tiny SP on Kestrel: /login sends an AuthnRequest to the IdP (Redirect or POST binding), /acs
/// records what is posted to it, /slo records logout messages. It checks nothing: the tests do.
/// </summary>
internal sealed class TestSp : IAsyncDisposable
{
    public const string RelayState = "sp-relay-7f3a";

    private readonly WebApplication _web;
    private readonly TimeProvider _time;

    private TestSp(WebApplication web, TimeProvider time)
    {
        _web = web;
        _time = time;
    }

    public string BaseUrl { get; private set; } = "";
    public string AcsUrl => $"{BaseUrl}/acs";
    public string EntityId => $"{BaseUrl}/metadata";
    public string SloUrl => $"{BaseUrl}/slo";
    public string LoginUrl => $"{BaseUrl}/login";

    /// <summary>The IdP SSO URL /login sends the user to.</summary>
    public string IdpSsoUrl { get; set; } = "";

    public bool UsePostBinding { get; set; }

    /// <summary>Changes the baseline AuthnRequest (one thing per test).</summary>
    public Func<AuthnRequestMessage, AuthnRequestMessage> Tamper { get; set; } = r => r;

    public AuthnRequestMessage? LastRequest { get; private set; }
    public ConcurrentQueue<AcsPost> AcsPosts { get; } = new();
    public ConcurrentQueue<string> SloQueries { get; } = new();

    public static async Task<TestSp> StartAsync(TimeProvider time)
    {
        TestSp? sp = null;
        var (web, baseUrl) = await Loopback.StartAsync(web =>
        {
            sp = new TestSp(web, time);
            web.MapGet("/login", sp.LoginAsync);
            web.MapPost("/acs", sp.AcsAsync);
            web.MapGet("/slo", context =>
            {
                sp.SloQueries.Enqueue(context.Request.QueryString.Value ?? "");
                return context.Response.WriteAsync("SP signed out");
            });
        });
        sp!.BaseUrl = baseUrl;
        return sp;
    }

    public AuthnRequestMessage Baseline() => new()
    {
        Id = SamlIds.New(),
        IssueInstant = _time.GetUtcNow(),
        Issuer = EntityId,
        Destination = IdpSsoUrl,
        AssertionConsumerServiceUrl = AcsUrl,
        ProtocolBinding = SamlNames.HttpPostBinding,
    };

    public ValueTask DisposeAsync() => _web.DisposeAsync();

    private Task LoginAsync(HttpContext context)
    {
        LastRequest = Tamper(Baseline());
        var xml = LastRequest.ToXml();
        if (UsePostBinding)
        {
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync(PostBinding.AutoSubmitPage(IdpSsoUrl, BindingFields.SamlRequest, xml, RelayState));
        }
        context.Response.Redirect(RedirectBinding.Url(IdpSsoUrl, BindingFields.SamlRequest, xml, RelayState, signWith: null));
        return Task.CompletedTask;
    }

    private async Task AcsAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        AcsPosts.Enqueue(new AcsPost(form["SAMLResponse"].ToString(), form["RelayState"].FirstOrDefault()));
        await context.Response.WriteAsync("SP session started");
    }
}
