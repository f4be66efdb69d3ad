"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { startSp, http } = require("./helpers");

let sp;
before(async () => { sp = await startSp(); });
after(async () => { await sp?.stop(); });

test("starts on a free port and prints one listening line first", async () => {
  assert.match(sp.firstLine, /^listening http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(sp.port > 0);
  const home = await http("GET", `${sp.base}/`);
  assert.equal(home.status, 200);
  assert.match(home.text, /Reference SP/);
});

test("GET /_control/saml shows defaults, entity id, ACS, RelayState and login link", async () => {
  const res = await http("GET", `${sp.base}/_control/saml`);
  assert.equal(res.status, 200);
  assert.equal(res.json.enabled, false);
  assert.equal(res.json.entityId, `${sp.base}/saml/metadata`);
  assert.equal(res.json.acsUrl, `${sp.base}/saml/acs`);
  assert.equal(res.json.loginLink, `${sp.base}/saml/login`);
  assert.equal(typeof res.json.relayState, "string");
});

test("PUT /_control/saml validates the certificate and the URLs", async () => {
  const bad = await http("PUT", `${sp.base}/_control/saml`, { json: { enabled: true, certificatePem: "not a cert" } });
  assert.equal(bad.status, 400);
  assert.match(bad.json.detail, /certificate/);
  const badUrl = await http("PUT", `${sp.base}/_control/saml`, { json: { loginUrl: "ftp://x" } });
  assert.equal(badUrl.status, 400);
  const ok = await http("PUT", `${sp.base}/_control/saml`, { json: { enabled: false, loginUrl: "http://127.0.0.1:9/saml2/app" } });
  assert.equal(ok.status, 204);
  const read = await http("GET", `${sp.base}/_control/saml`);
  assert.equal(read.json.loginUrl, "http://127.0.0.1:9/saml2/app");
});

test("SP metadata is served at the entity id", async () => {
  const res = await http("GET", `${sp.base}/saml/metadata`);
  assert.equal(res.status, 200);
  assert.match(res.text, new RegExp(`entityID="${sp.base}/saml/metadata"`));
  assert.match(res.text, new RegExp(`Location="${sp.base}/saml/acs"`));
  assert.match(res.text, /WantAssertionsSigned="true"/);
});

test("recordings and defences are not supported: 404 with the reason", async () => {
  const rec = await http("PUT", `${sp.base}/_control/users/someone/recordings`, { json: { count: 251 } });
  assert.equal(rec.status, 404);
  assert.deepEqual(rec.json, { detail: "not supported by the reference SP" });
  const def = await http("PUT", `${sp.base}/_control/defences/signature`, { json: { enabled: false } });
  assert.equal(def.status, 404);
  assert.deepEqual(def.json, { detail: "not supported by the reference SP" });
});

test("unknown control endpoints and users answer 404", async () => {
  assert.equal((await http("GET", `${sp.base}/_control/nope`)).status, 404);
  assert.equal((await http("GET", `${sp.base}/_control/users/nobody`)).status, 404);
});

test("SIGTERM and SIGINT exit cleanly with code 0", async () => {
  const other = await startSp();
  assert.equal(await other.stop(), 0);
  const third = await startSp();
  const exited = new Promise((resolve) => third.child.once("exit", (code, signal) => resolve(code ?? signal)));
  third.child.kill("SIGINT");
  assert.equal(await exited, 0);
});
