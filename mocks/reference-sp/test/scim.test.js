"use strict";
const { test, before, after, beforeEach } = require("node:test");
const assert = require("node:assert/strict");
const { startSp, http } = require("./helpers");

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

let sp;
let token;
let scim;
const auth = () => ({ Authorization: `Bearer ${token}` });
const call = (method, path, opts = {}) => http(method, `${scim}${path}`, { ...opts, headers: { ...auth(), ...(opts.headers ?? {}) } });
const createUser = (userName, extra = {}) => call("POST", "/Users", { json: { schemas: [USER], userName, active: true, ...extra } });
const filter = (resource, expr) => call("GET", `/${resource}?filter=${encodeURIComponent(expr)}`);

before(async () => {
  sp = await startSp();
  scim = `${sp.base}/scim/v2`;
  const res = await http("POST", `${sp.base}/_control/token`);
  assert.equal(res.status, 200);
  token = res.json.token;
});
after(async () => { await sp?.stop(); });
beforeEach(async () => {
  assert.equal((await http("POST", `${sp.base}/_control/reset`)).status, 204);
});

test("SCIM without a token, or with a wrong one, is 401 with a SCIM error", async () => {
  const none = await http("GET", `${scim}/Users`);
  assert.equal(none.status, 401);
  assert.match(none.headers.get("content-type"), /application\/scim\+json/);
  assert.deepEqual(none.json.schemas, ["urn:ietf:params:scim:api:messages:2.0:Error"]);
  const wrong = await http("GET", `${scim}/Users`, { headers: { Authorization: "Bearer wrong" } });
  assert.equal(wrong.status, 401);
  const post = await http("POST", `${scim}/Users`, { json: { schemas: [USER], userName: "x" } });
  assert.equal(post.status, 401);
});

test("create, filter (case-insensitive userName), patch, put and delete a user with the token", async () => {
  const created = await createUser("Alice@Example.com", {
    name: { givenName: "Alice", familyName: "Doe" },
    emails: [{ value: "alice@example.com", primary: true, type: "work" }],
    password: "S3cret!pw",
    externalId: "ext-1",
  });
  assert.equal(created.status, 201);
  assert.match(created.headers.get("content-type"), /application\/scim\+json/);
  const { id } = created.json;
  assert.ok(id);
  assert.equal(created.json.password, undefined, "password is never returned");
  assert.equal(created.json.meta.location, `${scim}/Users/${id}`);

  const found = await filter("Users", 'userName eq "alice@example.com"');
  assert.equal(found.status, 200);
  assert.equal(found.json.totalResults, 1);
  assert.equal(found.json.Resources[0].id, id);
  assert.equal((await filter("Users", 'externalId eq "ext-1"')).json.totalResults, 1);
  assert.equal((await filter("Users", 'userName eq "bob@example.com"')).json.totalResults, 0);
  assert.equal((await filter("Users", 'emails[value eq "ALICE@example.com"]')).json.totalResults, 1);

  const patched = await call("PATCH", `/Users/${id}`, {
    json: { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false }, { op: "replace", path: "name.givenName", value: "Alicia" }] },
  });
  assert.equal(patched.status, 200);
  assert.equal(patched.json.active, false);
  assert.equal(patched.json.name.givenName, "Alicia");

  const stored = await http("GET", `${sp.base}/_control/users/${encodeURIComponent("Alice@Example.com")}`);
  assert.equal(stored.status, 200);
  assert.equal(stored.json.active, false);
  assert.equal(stored.json.passwordSet, true, "the control API says a password was synced");
  assert.equal(stored.json.password, undefined, "the control API never shows the password itself");

  const put = await call("PUT", `/Users/${id}`, { json: { schemas: [USER], userName: "Alice@Example.com", active: true, displayName: "Alice D" } });
  assert.equal(put.status, 200);
  assert.equal(put.json.displayName, "Alice D");
  assert.equal(put.json.name, undefined, "PUT replaces");

  assert.equal((await call("DELETE", `/Users/${id}`)).status, 204);
  assert.equal((await call("GET", `/Users/${id}`)).status, 404);
  assert.equal((await call("DELETE", `/Users/${id}`)).status, 404);
});

test("duplicate userName is 409 uniqueness; missing userName is 400", async () => {
  assert.equal((await createUser("dup@example.com")).status, 201);
  const dup = await createUser("DUP@example.com");
  assert.equal(dup.status, 409);
  assert.equal(dup.json.scimType, "uniqueness");
  const missing = await call("POST", "/Users", { json: { schemas: [USER], active: true } });
  assert.equal(missing.status, 400);
});

test("userName length is not limited (no 30-character rule here)", async () => {
  const long = `${"a".repeat(120)}@example.com`;
  const res = await createUser(long);
  assert.equal(res.status, 201);
  assert.equal(res.json.userName, long);
});

test("malformed JSON is 400 invalidSyntax", async () => {
  const res = await call("POST", "/Users", { body: "{not json", headers: { "Content-Type": "application/scim+json" } });
  assert.equal(res.status, 400);
  assert.equal(res.json.scimType, "invalidSyntax");
});

test("groups: create, filter by displayName, add members (repeats tolerated), remove a member", async () => {
  const u1 = (await createUser("u1@example.com")).json.id;
  const u2 = (await createUser("u2@example.com")).json.id;
  const g = await call("POST", "/Groups", { json: { schemas: [GROUP], displayName: "Engineering", members: [{ value: u1 }] } });
  assert.equal(g.status, 201);
  const gid = g.json.id;
  assert.equal((await filter("Groups", 'displayName eq "engineering"')).json.totalResults, 1);

  const add = await call("PATCH", `/Groups/${gid}`, {
    json: { schemas: [PATCH], Operations: [{ op: "add", path: "members", value: [{ value: u2 }, { value: u1 }] }] },
  });
  assert.equal(add.status, 200);
  assert.deepEqual(add.json.members.map((m) => m.value).sort(), [u1, u2].sort());

  const user = await call("GET", `/Users/${u1}`);
  assert.deepEqual(user.json.groups.map((x) => x.value), [gid]);

  const remove = await call("PATCH", `/Groups/${gid}`, {
    json: { schemas: [PATCH], Operations: [{ op: "remove", path: `members[value eq "${u1}"]` }] },
  });
  assert.equal(remove.status, 200);
  assert.deepEqual(remove.json.members.map((m) => m.value), [u2]);

  const noMembers = await call("GET", `/Groups/${gid}?excludedAttributes=members`);
  assert.equal(noMembers.json.members, undefined);
  assert.equal((await call("DELETE", `/Groups/${gid}`)).status, 204);
});

test("ServiceProviderConfig, Schemas and ResourceTypes", async () => {
  const spc = await call("GET", "/ServiceProviderConfig");
  assert.equal(spc.status, 200);
  assert.equal(spc.json.patch.supported, true);
  assert.equal(spc.json.filter.supported, true);
  assert.equal(spc.json.authenticationSchemes[0].type, "oauthbearertoken");
  const schemas = await call("GET", "/Schemas");
  assert.equal(schemas.status, 200);
  assert.ok(schemas.json.Resources.some((s) => s.id === USER));
  const types = await call("GET", "/ResourceTypes");
  assert.equal(types.status, 200);
  assert.deepEqual(types.json.Resources.map((r) => r.name).sort(), ["Group", "User"]);
});

test("list paging with startIndex and count", async () => {
  for (let i = 0; i < 5; i++) await createUser(`page${i}@example.com`);
  const page = await call("GET", "/Users?startIndex=2&count=2");
  assert.equal(page.status, 200);
  assert.equal(page.json.totalResults, 5);
  assert.equal(page.json.Resources.length, 2);
  assert.equal(page.json.startIndex, 2);
});

test("a new token replaces the old one; reset keeps the token", async () => {
  const old = token;
  const res = await http("POST", `${sp.base}/_control/token`);
  token = res.json.token;
  assert.notEqual(token, old);
  assert.equal((await http("GET", `${scim}/Users`, { headers: { Authorization: `Bearer ${old}` } })).status, 401);
  assert.equal((await call("GET", "/Users")).status, 200);
  await http("POST", `${sp.base}/_control/reset`);
  assert.equal((await call("GET", "/Users")).status, 200);
});

test("journal records SCIM requests in order with method, path, query, status and body", async () => {
  await http("GET", `${scim}/Users`);
  await createUser("journal@example.com");
  await filter("Users", 'userName eq "journal@example.com"');
  const journal = (await http("GET", `${sp.base}/_control/journal`)).json;
  assert.equal(journal.length, 3);
  assert.deepEqual(journal.map((e) => [e.method, e.path, e.status]), [
    ["GET", "/scim/v2/Users", 401], ["POST", "/scim/v2/Users", 201], ["GET", "/scim/v2/Users", 200]]);
  assert.equal(JSON.parse(journal[1].body).userName, "journal@example.com");
  assert.equal(journal[2].query, 'filter=userName eq "journal@example.com"');
  assert.ok(!Number.isNaN(Date.parse(journal[0].at)));
});

test("faults: 429 with Retry-After for `times` requests, then normal", async () => {
  const f = await http("POST", `${sp.base}/_control/faults`, {
    json: { method: "POST", path: "/Users", kind: "status", status: 429, retryAfterSeconds: 1, times: 2 },
  });
  assert.equal(f.status, 201);
  for (let i = 0; i < 2; i++) {
    const r = await createUser("fault@example.com");
    assert.equal(r.status, 429);
    assert.equal(r.headers.get("retry-after"), "1");
  }
  assert.equal((await createUser("fault@example.com")).status, 201);
  assert.equal((await call("GET", "/Users")).status, 200, "GET did not match the POST fault");
});

test("faults: 503 on every request until DELETE /faults", async () => {
  await http("POST", `${sp.base}/_control/faults`, { json: { path: "/Users", kind: "status", status: 503, times: 0 } });
  for (let i = 0; i < 3; i++) assert.equal((await call("GET", "/Users")).status, 503);
  assert.equal((await http("DELETE", `${sp.base}/_control/faults`)).status, 204);
  assert.equal((await call("GET", "/Users")).status, 200);
});

test("faults: latency delays the answer, then the SP behaves", async () => {
  await http("POST", `${sp.base}/_control/faults`, { json: { path: "/Users", kind: "latency", delayMs: 400, times: 1 } });
  const t0 = Date.now();
  const r = await call("GET", "/Users");
  assert.equal(r.status, 200);
  assert.ok(Date.now() - t0 >= 350, `took ${Date.now() - t0} ms`);
});

test("faults: drop, malformed-json and wrong-content-type", async () => {
  await http("POST", `${sp.base}/_control/faults`, { json: { path: "/Users", kind: "drop", times: 1 } });
  await assert.rejects(call("GET", "/Users"));
  await http("POST", `${sp.base}/_control/faults`, { json: { path: "/Users", kind: "malformed-json", times: 1 } });
  const bad = await call("GET", "/Users");
  assert.equal(bad.status, 200);
  assert.throws(() => JSON.parse(bad.text));
  await http("POST", `${sp.base}/_control/faults`, { json: { path: "/Users", kind: "wrong-content-type", times: 1 } });
  const html = await call("GET", "/Users");
  assert.match(html.headers.get("content-type"), /text\/html/);
  assert.equal((await call("GET", "/Users")).status, 200);
});

test("faults: bad fault bodies are 400", async () => {
  const r = await http("POST", `${sp.base}/_control/faults`, { json: { kind: "explode" } });
  assert.equal(r.status, 400);
});
