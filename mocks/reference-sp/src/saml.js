"use strict";
// SAML SP: @node-saml/node-saml validates every Response (signature with the uploaded certificate only,
// both Response and Assertion signed, audience = SP entity id, time window with a small skew, issuer,
// InResponseTo when present). node-saml (5.1.0) does not check Destination, Recipient, replay, or the
// assertion's Issuer (its idpIssuer option only applies to logout messages): those four checks are ours,
// done on the XML that node-saml has already verified.
const crypto = require("node:crypto");
const express = require("express");
const { SAML, generateServiceProviderMetadata } = require("@node-saml/node-saml");
const { DOMParser } = require("@xmldom/xmldom");
const { findUserByUserName } = require("./state");

const ACCEPTED_CLOCK_SKEW_MS = 3000;
const SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
const SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const REQUEST_TTL_MS = 10 * 60 * 1000;
const REPLAY_TTL_MS = 24 * 60 * 60 * 1000;

/** node-saml CacheProvider for outstanding AuthnRequest IDs (InResponseTo), kept across settings changes. */
class RequestCache {
  constructor() {
    this.items = new Map();
  }
  async saveAsync(key, value) {
    this.prune();
    if (this.items.has(key)) return null;
    const item = { value, createdAt: Date.now() };
    this.items.set(key, item);
    return item;
  }
  async getAsync(key) {
    this.prune();
    return this.items.get(key)?.value ?? null;
  }
  async removeAsync(key) {
    if (key == null || !this.items.has(key)) return null;
    const { value } = this.items.get(key);
    this.items.delete(key);
    return value;
  }
  prune() {
    const limit = Date.now() - REQUEST_TTL_MS;
    for (const [key, item] of this.items) if (item.createdAt < limit) this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

function urls(state) {
  const base = state.baseUrl;
  return {
    entityId: `${base}/saml/metadata`,
    acsUrl: `${base}/saml/acs`,
    loginLink: `${base}/saml/login`,
    metadataUrl: `${base}/saml/metadata`,
  };
}

function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const SESSION_COOKIE = "ref_session";

function page(title, body) {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body>${body}</body></html>\n`;
}

function errorPage(res, status, reason) {
  res.status(status).type("html").send(page("Reference SP: login failed", `<h1>Login failed</h1><p id="error">${escapeHtml(reason)}</p>`));
}

function samlFor(state, cache) {
  const s = state.saml;
  const { entityId, acsUrl } = urls(state);
  return new SAML({
    callbackUrl: acsUrl,
    issuer: entityId,
    audience: entityId,
    idpCert: s.certificatePem,
    entryPoint: s.loginUrl ?? undefined,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    acceptedClockSkewMs: ACCEPTED_CLOCK_SKEW_MS,
    validateInResponseTo: "ifPresent",
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    cacheProvider: cache,
    identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    disableRequestedAuthnContext: true,
    authnRequestBinding: "HTTP-Redirect",
  });
}

/** Destination, Recipient and the IDs used for replay detection, read from XML node-saml already verified. */
function inspectVerifiedXml(profile) {
  const parser = new DOMParser({ onError: () => {} });
  const responseDoc = parser.parseFromString(profile.getSamlResponseXml(), "text/xml");
  const response = responseDoc.documentElement;
  const assertionDoc = parser.parseFromString(profile.getAssertionXml(), "text/xml");
  const assertion = assertionDoc.documentElement;
  const recipients = [];
  const confirmations = assertion.getElementsByTagNameNS(SAML_NS, "SubjectConfirmation");
  for (let i = 0; i < confirmations.length; i++) {
    const confirmation = confirmations.item(i);
    if (confirmation.getAttribute("Method") !== BEARER) continue;
    const data = confirmation.getElementsByTagNameNS(SAML_NS, "SubjectConfirmationData");
    for (let j = 0; j < data.length; j++) recipients.push(data.item(j).getAttribute("Recipient") || null);
  }
  let responseIssuer = null;
  for (let node = response.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && node.namespaceURI === SAML_NS && node.localName === "Issuer") {
      responseIssuer = (node.textContent ?? "").trim();
      break;
    }
  }
  return {
    responseIssuer,
    destination: response.namespaceURI === SAMLP ? response.getAttribute("Destination") || null : null,
    responseId: response.getAttribute("ID") || null,
    assertionId: assertion.getAttribute("ID") || null,
    recipients,
  };
}

function firstValue(value) {
  if (Array.isArray(value)) return value.length ? firstValue(value[0]) : undefined;
  if (value && typeof value === "object" && "_" in value) return value._;
  return value == null ? undefined : String(value);
}

function pruneReplayCache(state) {
  const now = Date.now();
  for (const [id, expiry] of state.seenAssertions) if (expiry < now) state.seenAssertions.delete(id);
}

function createSamlRouter(state, log) {
  const router = express.Router();
  const cache = new RequestCache();
  router.requestCache = cache;

  const configured = () => state.saml.enabled && state.saml.certificatePem;

  router.get("/metadata", (req, res) => {
    const { entityId, acsUrl } = urls(state);
    const xml = generateServiceProviderMetadata({
      issuer: entityId,
      callbackUrl: acsUrl,
      identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
      wantAssertionsSigned: true,
    });
    res.type("application/samlmetadata+xml").send(xml);
  });

  router.get("/login", async (req, res) => {
    if (!configured()) return errorPage(res, 403, "SAML SSO is not enabled (no settings or no certificate uploaded)");
    if (!state.saml.loginUrl) return errorPage(res, 403, "no Login URL is configured");
    try {
      const relayState = typeof req.query.RelayState === "string" ? req.query.RelayState : state.relayState;
      const url = await samlFor(state, cache).getAuthorizeUrlAsync(relayState, req.get("host"), {});
      res.redirect(302, url);
    } catch (err) {
      log(`saml login: ${err.message}`);
      errorPage(res, 500, `could not build the AuthnRequest: ${err.message}`);
    }
  });

  router.post("/acs", express.urlencoded({
    extended: false,
    limit: "2mb",
    verify: (req, res, buf) => { req.rawBody = buf.toString("utf8"); },
  }), async (req, res) => {
    const body = req.body ?? {};
    if (!configured()) return errorPage(res, 403, "SAML SSO is not enabled (no settings or no certificate uploaded)");
    if (typeof body.SAMLResponse !== "string" || !body.SAMLResponse.trim()) return errorPage(res, 403, "no SAMLResponse in the form");

    let profile;
    try {
      const result = await samlFor(state, cache).validatePostResponseAsync({
        SAMLResponse: body.SAMLResponse,
        ...(typeof body.RelayState === "string" ? { RelayState: body.RelayState } : {}),
      });
      profile = result.profile;
    } catch (err) {
      return errorPage(res, 403, err.message || String(err));
    }
    if (!profile) return errorPage(res, 403, "the Response carries no assertion");

    const { acsUrl } = urls(state);
    let seen;
    try {
      seen = inspectVerifiedXml(profile);
    } catch (err) {
      return errorPage(res, 403, `could not read the verified Response: ${err.message}`);
    }
    if (!seen.destination) return errorPage(res, 403, "Response has no Destination");
    if (seen.destination !== acsUrl) return errorPage(res, 403, `Destination mismatch. Expected: ${acsUrl} Received: ${seen.destination}`);
    if (!seen.recipients.length) return errorPage(res, 403, "no bearer SubjectConfirmation");
    if (!seen.recipients.some((r) => r === acsUrl)) {
      return errorPage(res, 403, `Recipient mismatch. Expected: ${acsUrl} Received: ${seen.recipients.join(", ") || "(none)"}`);
    }
    const expectedIssuer = state.saml.idpEntityId;
    if (expectedIssuer && profile.issuer !== expectedIssuer) {
      return errorPage(res, 403, `Issuer mismatch. Expected: ${expectedIssuer} Received: ${profile.issuer ?? "(none)"}`);
    }
    if (expectedIssuer && seen.responseIssuer !== null && seen.responseIssuer !== expectedIssuer) {
      return errorPage(res, 403, `Response Issuer mismatch. Expected: ${expectedIssuer} Received: ${seen.responseIssuer}`);
    }
    pruneReplayCache(state);
    const ids = [seen.assertionId, seen.responseId].filter(Boolean);
    if (ids.some((id) => state.seenAssertions.has(id))) return errorPage(res, 403, "replayed Response: this assertion was already used");

    const s = state.saml;
    const nameId = profile.nameID ?? null;
    const userId = s.pickUserIdFromNameId ? nameId : firstValue(profile[s.userIdAttribute] ?? profile.attributes?.[s.userIdAttribute]);
    const email = firstValue(profile[s.emailAttribute] ?? profile.attributes?.[s.emailAttribute]) ??
      (typeof nameId === "string" && nameId.includes("@") ? nameId : null);
    if (!userId) {
      return errorPage(res, 403, s.pickUserIdFromNameId ? "no NameID in the assertion" : `no '${s.userIdAttribute}' attribute in the assertion`);
    }

    let user = findUserByUserName(state, userId);
    if (!user) {
      if (!s.autoProvisioning) return errorPage(res, 403, `user '${userId}' is not provisioned and automatic provisioning is off`);
      const stamp = new Date().toISOString();
      user = {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: userId,
        active: true,
        ...(email ? { emails: [{ value: email, primary: true, type: "work" }] } : {}),
        id: crypto.randomUUID(),
        meta: { created: stamp, lastModified: stamp },
      };
      state.users.set(user.id, user);
    } else if (user.active === false) {
      return errorPage(res, 403, `user '${userId}' is deactivated`);
    }

    for (const id of ids) state.seenAssertions.set(id, Date.now() + REPLAY_TTL_MS);
    const sessionId = crypto.randomUUID();
    state.sessions.push({
      id: sessionId,
      userId,
      nameId,
      email: email ?? null,
      sessionIndex: profile.sessionIndex ?? null,
      at: new Date().toISOString(),
    });
    const relay = typeof body.RelayState === "string" ? `<p id="relay-state">${escapeHtml(body.RelayState)}</p>` : "";
    const change = s.passwordChangeUrl ? `<p><a id="change-password" href="${escapeHtml(s.passwordChangeUrl)}">Change password</a></p>` : "";
    res.set("Set-Cookie", `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax`);
    res.status(200).type("html").send(page("Reference SP: signed in",
      `<h1 id="session-user">${escapeHtml(userId)}</h1><p id="session-email">${escapeHtml(email ?? "")}</p>${relay}${change}` +
      `<p><a id="sign-out" href="/saml/logout">Sign out</a></p>`));
  });

  // The user's own sign-out: ends the session of the cookie, then the Logout URL the administrator set.
  router.get("/logout", (req, res) => {
    const cookie = (req.headers.cookie ?? "").split(";").map((c) => c.trim().split("="))
      .find(([name]) => name === SESSION_COOKIE);
    const session = cookie && state.sessions.find((x) => x.id === cookie[1] && !x.endedAt);
    if (session) session.endedAt = new Date().toISOString();
    if (state.saml.logoutUrl) return res.redirect(302, state.saml.logoutUrl);
    return res.status(200).type("html").send(page("Reference SP: signed out", `<p id="signed-out">You are signed out.</p>`));
  });

  return router;
}

module.exports = { createSamlRouter, urls, ACCEPTED_CLOCK_SKEW_MS };
