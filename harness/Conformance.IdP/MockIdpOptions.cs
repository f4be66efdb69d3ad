using Conformance.Core;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Saml;
using Microsoft.Extensions.Logging;

namespace Conformance.IdP;

/// <summary>What a mock IdP is made of; the directory and catalogue are shared with the rest of the run.</summary>
public sealed record MockIdpOptions
{
    public required JumpCloudDirectory Directory { get; init; }
    public required ApplicationCatalog Catalog { get; init; }

    /// <summary>Receives every AuthnRequest received and every Response, LogoutRequest and LogoutResponse sent.</summary>
    public required ISamlMessageSink Sink { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Port on 127.0.0.1; 0 takes a free one (see <see cref="MockIdpServer.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// The IdP's fixed address (a target's idp.baseUrl): it listens on 127.0.0.1 at this URL's port and every
    /// URL it publishes starts with it, so metadata an SP loaded once stays valid. Overrides <see cref="Port"/>.
    /// </summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>
    /// One signing key for every application (a target's stable IdP identity, owned by the caller); null gives each
    /// application a certificate of its own, as JumpCloud does.
    /// </summary>
    public Conformance.Saml.Signing.SigningCertificate? SigningCertificate { get; init; }

    /// <summary>
    /// The IdP entity ID of an application; <c>{base}</c> and <c>{suffix}</c> are replaced. JumpCloud's is
    /// https://sso.jumpcloud.com/saml2/{custom_value}, the SSO URL itself.
    /// </summary>
    public string EntityIdTemplate { get; init; } = "{base}/saml2/{suffix}";

    /// <summary>An AuthnRequest whose IssueInstant is further than this from now (either way) is refused.</summary>
    public TimeSpan AuthnRequestMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an assertion can be used (Conditions and SubjectConfirmationData NotOnOrAfter).</summary>
    public TimeSpan AssertionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Serves the JSON admin API under /admin (standalone <c>serve idp</c>); off in-process.</summary>
    public bool EnableAdminApi { get; init; }

    /// <summary>
    /// The organisation's Directory Insights, served by the DI API under /insights/directory/v1; absent: no DI API.
    /// </summary>
    public Conformance.Core.Insights.InsightsLog? Insights { get; init; }

    /// <summary>
    /// The <c>x-api-key</c> the admin and DI APIs require (with a Host of this IdP's). Null: a random key, readable as
    /// <see cref="MockIdpServer.ApiKey"/>.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>The guide's rules of the SSO tab; tests switch one off to prove a scenario notices.</summary>
    public IdpRules Rules { get; init; } = IdpRules.Guide;

    /// <summary>
    /// The organisation's Identity Management engine: with it, an application's panel has the Identity Management tab
    /// (Base URL, Token Key, Activate, Deactivate IdM connection). Owned by the caller.
    /// </summary>
    public Conformance.Scim.IdentityManagement? IdentityManagement { get; init; }

    /// <summary>The Admin Portal's administrator (under /portal); the password is random unless given.</summary>
    public string AdminEmail { get; init; } = "admin@conformance.test";

    /// <summary>Null: a random password, readable as <see cref="MockIdpServer.AdminPassword"/>.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>Where ASP.NET Core logs go; nowhere when null.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }
}
