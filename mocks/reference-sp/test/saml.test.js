"use strict";
const { test, before, after, beforeEach } = require("node:test");
const assert = require("node:assert/strict");
const zlib = require("node:zlib");
const { startSp, http, opensslAvailable, makeKeyPair, buildResponse, signResponse, b64, newId } = require("./helpers");

const HAS_OPENSSL = opensslAvailable();
const NEEDS_KEYS = HAS_OPENSSL ? {} : { skip: "openssl is not installed: cannot make a test IdP certificate" };
const IDP_ENTITY_ID = "https://idp.example.test/saml2/reference-sp";
const LOGIN_URL = "http://127.0.0.1:9/saml2/reference-sp";

let sp;
let idp; // {key, cert}
let other; // a second key pair: "wrong certificate"
let saml; // GET /_control/saml

const settings = (extra = {}) => ({
  enabled: true,
  autoProvisioning: true,
  certificatePem: idp?.cert ?? null,
  loginUrl: LOGIN_URL,
  passwordChangeUrl: "http://127.0.0.1:9/userconsole",
  logoutUrl: "http://127.0.0.1:9/userconsole",
  userIdAttribute: "uid",
  emailAttribute: "email",
  pickUserIdFromNameId: true,
  idpEntityId: IDP_ENTITY_ID,
  ...extra,
});

const defaults = () => ({ acsUrl: saml.acsUrl, audience: saml.entityId, issuer: IDP_ENTITY_ID, nameId: "alice@example.com", attributes: { email: "alice@example.com", uid: "alice" } });
const signed = (o = {}, keys = idp, opts) => signResponse(buildResponse({ ...defaults(), ...o }), keys, opts);
const post = (xml, relayState) => http("POST", saml.acsUrl, { form: { SAMLResponse: b64(xml), ...(relayState ? { RelayState: relayState } : {}) } });
const errorOf = (res) => (/<p id="error">([^<]*)<\/p>/.exec(res.text) ?? [])[1];
const userOf = (res) => (/<h1 id="session-user">([^<]*)<\/h1>/.exec(res.text) ?? [])[1];

before(async () => {
  if (HAS_OPENSSL) {
    idp = makeKeyPair("reference-sp-test-idp");
    other = makeKeyPair("someone-else");
  }
  sp = await startSp();
  saml = (await http("GET", `${sp.base}/_control/saml`)).json;
});
after(async () => { await sp?.stop(); });
beforeEach(async () => {
  await http("POST", `${sp.base}/_control/reset`);
  if (idp) assert.equal((await http("PUT", `${sp.base}/_control/saml`, { json: settings() })).status, 204);
});

test("SP-initiated login is refused while SSO is not configured", async () => {
  await http("PUT", `${sp.base}/_control/saml`, { json: settings({ enabled: false, certificatePem: null }) });
  const res = await http("GET", saml.loginLink);
  assert.equal(res.status, 403);
  assert.ok(errorOf(res));
});

test("ACS rejects garbage with 403 and an error, and opens no session", async () => {
  for (const form of [{ SAMLResponse: "garbage!!" }, { SAMLResponse: b64("<not-saml/>") }, {}]) {
    const res = await http("POST", `${sp.base}/saml/acs`, { form });
    assert.equal(res.status, 403);
    assert.match(res.headers.get("content-type"), /text\/html/);
    assert.ok(errorOf(res), res.text);
  }
  assert.deepEqual((await http("GET", `${sp.base}/_control/sessions`)).json, []);
});

test("SP login redirects to the Login URL with a deflated AuthnRequest (HTTP-Redirect)", NEEDS_KEYS, async () => {
  const res = await http("GET", saml.loginLink);
  assert.equal(res.status, 302);
  const location = new URL(res.headers.get("location"));
  assert.equal(`${location.origin}${location.pathname}`, LOGIN_URL);
  const request = location.searchParams.get("SAMLRequest");
  assert.ok(request, "SAMLRequest present");
  assert.equal(location.searchParams.get("RelayState"), saml.relayState);
  const xml = zlib.inflateRawSync(Buffer.from(request, "base64")).toString("utf8");
  assert.match(xml, /<samlp:AuthnRequest/);
  assert.match(xml, new RegExp(`AssertionConsumerServiceURL="${saml.acsUrl}"`));
  assert.match(xml, new RegExp(`<saml:Issuer[^>]*>${saml.entityId}</saml:Issuer>`));
  assert.match(xml, new RegExp(`Destination="${LOGIN_URL}"`));
});

test("ACS rejects an unsigned Response", NEEDS_KEYS, async () => {
  const res = await post(buildResponse(defaults()));
  assert.equal(res.status, 403);
  assert.match(errorOf(res), /signature/i);
});

test("ACS rejects a Response whose outer Response is not signed (assertion signed only)", NEEDS_KEYS, async () => {
  const res = await post(signed({}, idp, { response: false }));
  assert.equal(res.status, 403);
  assert.match(errorOf(res), /signature/i);
});

test("ACS accepts a signed Response, opens a session naming the user, and refuses a replay", NEEDS_KEYS, async () => {
  const xml = signed({ sessionIndex: "_sess1" });
  const res = await post(xml, saml.relayState);
  assert.equal(res.status, 200, errorOf(res));
  assert.equal(userOf(res), "alice@example.com");
  const sessions = (await http("GET", `${sp.base}/_control/sessions`)).json;
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0].userId, "alice@example.com");
  assert.equal(sessions[0].nameId, "alice@example.com");
  assert.equal(sessions[0].email, "alice@example.com");
  assert.equal(sessions[0].sessionIndex, "_sess1");
  const user = await http("GET", `${sp.base}/_control/users/alice@example.com`);
  assert.equal(user.status, 200, "automatic provisioning created the user");

  const replay = await post(xml);
  assert.equal(replay.status, 403);
  assert.match(errorOf(replay), /replay/i);
  assert.equal((await http("GET", `${sp.base}/_control/sessions`)).json.length, 1);

  const journal = (await http("GET", `${sp.base}/_control/journal`)).json;
  assert.deepEqual(journal.map((e) => [e.method, e.path, e.status]), [["POST", "/saml/acs", 200], ["POST", "/saml/acs", 403]]);
});

test("ACS rejects a wrong certificate, a tampered, expired, not-yet-valid, wrong-audience and wrong-issuer Response", NEEDS_KEYS, async () => {
  const cases = {
    "wrong certificate": signed({}, other),
    tampered: signed().replace(/<saml:NameID([^>]*)>alice@example.com</, "<saml:NameID$1>mallory@example.com<"),
    expired: signed({ now: Date.now() - 20 * 60 * 1000, notOnOrAfter: Date.now() - 10 * 1000 }),
    "not yet valid": signed({ notBefore: Date.now() + 60 * 1000 }),
    "wrong audience": signed({ audience: "https://someone-else.example/sp" }),
    "wrong issuer": signed({ issuer: "https://evil.example/idp" }),
  };
  for (const [name, xml] of Object.entries(cases)) {
    const res = await post(xml);
    assert.equal(res.status, 403, `${name}: ${res.status}`);
    assert.ok(errorOf(res), name);
  }
  assert.deepEqual((await http("GET", `${sp.base}/_control/sessions`)).json, []);
});

test("ACS rejects a wrong or missing Destination and a wrong Recipient", NEEDS_KEYS, async () => {
  for (const [name, o, pattern] of [
    ["wrong destination", { destination: "http://127.0.0.1:1/other/acs" }, /Destination/],
    ["no destination", { destination: null }, /Destination/],
    ["wrong recipient", { recipient: "http://127.0.0.1:1/other/acs" }, /Recipient/],
  ]) {
    const res = await post(signed(o));
    assert.equal(res.status, 403, name);
    assert.match(errorOf(res), pattern, name);
  }
});

test("SP-initiated: InResponseTo of an issued AuthnRequest is accepted once; an unknown one is refused", NEEDS_KEYS, async () => {
  const unknown = await post(signed({ inResponseTo: newId() }));
  assert.equal(unknown.status, 403);
  assert.match(errorOf(unknown), /InResponseTo/);

  const login = await http("GET", saml.loginLink);
  const request = new URL(login.headers.get("location")).searchParams.get("SAMLRequest");
  const requestId = /ID="([^"]+)"/.exec(zlib.inflateRawSync(Buffer.from(request, "base64")).toString("utf8"))[1];
  const ok = await post(signed({ inResponseTo: requestId }));
  assert.equal(ok.status, 200, errorOf(ok));
  const again = await post(signed({ inResponseTo: requestId }));
  assert.equal(again.status, 403, "the request ID is used up");
});

test("without automatic provisioning only SCIM-provisioned, active users may sign in", NEEDS_KEYS, async () => {
  await http("PUT", `${sp.base}/_control/saml`, { json: settings({ autoProvisioning: false }) });
  const unknown = await post(signed());
  assert.equal(unknown.status, 403);
  assert.match(errorOf(unknown), /not provisioned/);

  const token = (await http("POST", `${sp.base}/_control/token`)).json.token;
  const created = await http("POST", `${sp.base}/scim/v2/Users`, {
    headers: { Authorization: `Bearer ${token}` },
    json: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "alice@example.com", active: true },
  });
  assert.equal(created.status, 201);
  const ok = await post(signed());
  assert.equal(ok.status, 200, errorOf(ok));

  await http("PATCH", `${sp.base}/scim/v2/Users/${created.json.id}`, {
    headers: { Authorization: `Bearer ${token}` },
    json: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] },
  });
  const inactive = await post(signed());
  assert.equal(inactive.status, 403);
  assert.match(errorOf(inactive), /deactivated/);
});

test("User ID from an attribute when pickUserIdFromNameId is false", NEEDS_KEYS, async () => {
  await http("PUT", `${sp.base}/_control/saml`, { json: settings({ pickUserIdFromNameId: false, userIdAttribute: "uid" }) });
  const res = await post(signed());
  assert.equal(res.status, 200, errorOf(res));
  assert.equal(userOf(res), "alice");
  const missing = await post(signed({ attributes: { email: "alice@example.com" } }));
  assert.equal(missing.status, 403);
  assert.match(errorOf(missing), /uid/);
});
