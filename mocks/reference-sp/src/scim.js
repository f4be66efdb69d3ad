"use strict";
// SCIM 2.0 server: scimmy (resources, schemas, filters, PATCH) + scimmy-routers (express endpoints),
// with an in-memory store and bearer-token auth. The only logic of our own is the store itself,
// userName uniqueness (RFC 7643: userName is unique, caseExact false), case-insensitive filter matching
// for caseExact=false attributes, and de-duplicating group members.
const crypto = require("node:crypto");
const SCIMMY = require("scimmy");
const { SCIMMYRouters } = require("scimmy-routers");
const { tokenMatches } = require("./state");

const { Error: ScimError, Filter } = SCIMMY.Types;

// Attributes whose values are compared case-insensitively in filters (caseExact=false in RFC 7643).
const CASE_INSENSITIVE = {
  User: new Set(["username", "displayname", "emails.value", "name.givenname", "name.familyname", "name.formatted"]),
  Group: new Set(["displayname", "members.display"]),
};
const LOWERED_COMPARATORS = new Set(["eq", "ne", "co", "sw", "ew"]);

function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Lower-case the expected values of a parsed filter for the case-insensitive attribute paths. */
function lowerExpressions(node, paths, prefix) {
  if (Array.isArray(node)) {
    // A single expression ["eq","x"] / ["not","eq","x"], or a list of them, or nested filter objects
    if (node.length && typeof node[0] === "string") {
      const path = prefix.toLowerCase();
      const comparator = String(node[node.length - 2] ?? "").toLowerCase();
      const last = node[node.length - 1];
      if (paths.has(path) && LOWERED_COMPARATORS.has(comparator) && typeof last === "string") {
        return [...node.slice(0, -1), last.toLowerCase()];
      }
      return node;
    }
    return node.map((n) => lowerExpressions(n, paths, prefix));
  }
  if (node && typeof node === "object") {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = lowerExpressions(value, paths, prefix ? `${prefix}.${key}` : key);
    }
    return out;
  }
  return node;
}

/** A copy of a stored resource with the case-insensitive attribute values lower-cased (for matching only). */
function loweredView(record, paths, prefix = "") {
  if (Array.isArray(record)) return record.map((r) => loweredView(r, paths, prefix));
  if (record && typeof record === "object") {
    const out = {};
    for (const [key, value] of Object.entries(record)) {
      const path = (prefix ? `${prefix}.${key}` : key).toLowerCase();
      if (typeof value === "string" && paths.has(path)) out[key] = value.toLowerCase();
      else if (value && typeof value === "object") out[key] = loweredView(value, paths, prefix ? `${prefix}.${key}` : key);
      else out[key] = value;
    }
    return out;
  }
  return record;
}

function applyFilter(records, filter, kind) {
  if (!filter) return records;
  const paths = CASE_INSENSITIVE[kind];
  const lowered = new Filter(lowerExpressions(clone([...filter]), paths, ""));
  const views = records.map((r) => ({ r, v: loweredView(r, paths) }));
  const matched = new Set(lowered.match(views.map((x) => x.v)));
  return views.filter((x) => matched.has(x.v)).map((x) => x.r);
}

function notFound(id) {
  return new ScimError(404, null, `Resource ${id} not found`);
}

function declareResources(state) {
  const now = () => new Date().toISOString();

  const userWithGroups = (user) => {
    const groups = [...state.groups.values()]
      .filter((g) => (g.members ?? []).some((m) => m.value === user.id))
      .map((g) => ({ value: g.id, display: g.displayName, type: "direct" }));
    const { password, ...visible } = user; // never handed back to scimmy (returned: never anyway)
    return groups.length ? { ...visible, groups } : visible;
  };

  SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false));
  SCIMMY.Resources.declare(SCIMMY.Resources.Group);

  SCIMMY.Resources.User
    .ingress((resource, instance) => {
      const data = clone(instance);
      // password is writeOnly/returned:never; scimmy hides it from JSON, so read it directly (password sync)
      if (typeof instance.password === "string") data.password = instance.password;
      delete data.id;
      delete data.meta;
      delete data.groups; // readOnly, derived from group membership
      if (typeof data.userName === "string") {
        const clash = [...state.users.values()].find((u) =>
          u.id !== resource.id && typeof u.userName === "string" && u.userName.toLowerCase() === data.userName.toLowerCase());
        if (clash) throw new ScimError(409, "uniqueness", `userName '${data.userName}' is already in use`);
      }
      if (resource.id) {
        const existing = state.users.get(resource.id);
        if (!existing) throw notFound(resource.id);
        if (data.password === undefined && existing.password !== undefined) data.password = existing.password;
        const record = { ...data, id: existing.id, meta: { created: existing.meta.created, lastModified: now() } };
        state.users.set(existing.id, record);
        return userWithGroups(record);
      }
      const id = crypto.randomUUID();
      const stamp = now();
      const record = { ...data, id, meta: { created: stamp, lastModified: stamp } };
      state.users.set(id, record);
      return userWithGroups(record);
    })
    .egress((resource) => {
      if (resource.id) {
        const user = state.users.get(resource.id);
        if (!user) throw notFound(resource.id);
        return userWithGroups(user);
      }
      return applyFilter([...state.users.values()].map(userWithGroups), resource.filter, "User");
    })
    .degress((resource) => {
      if (!state.users.delete(resource.id)) throw notFound(resource.id);
      for (const group of state.groups.values()) {
        if (group.members) group.members = group.members.filter((m) => m.value !== resource.id);
      }
    });

  SCIMMY.Resources.Group
    .ingress((resource, instance) => {
      const data = clone(instance);
      delete data.id;
      delete data.meta;
      if (Array.isArray(data.members)) {
        // group member adds must tolerate repeats: keep one entry per member value
        const seen = new Set();
        data.members = data.members.filter((m) => {
          if (!m || seen.has(m.value)) return false;
          seen.add(m.value);
          return true;
        });
      }
      if (resource.id) {
        const existing = state.groups.get(resource.id);
        if (!existing) throw notFound(resource.id);
        const record = { ...data, id: existing.id, meta: { created: existing.meta.created, lastModified: now() } };
        state.groups.set(existing.id, record);
        return record;
      }
      const id = crypto.randomUUID();
      const stamp = now();
      const record = { ...data, id, meta: { created: stamp, lastModified: stamp } };
      state.groups.set(id, record);
      return record;
    })
    .egress((resource) => {
      if (resource.id) {
        const group = state.groups.get(resource.id);
        if (!group) throw notFound(resource.id);
        return group;
      }
      return applyFilter([...state.groups.values()], resource.filter, "Group");
    })
    .degress((resource) => {
      if (!state.groups.delete(resource.id)) throw notFound(resource.id);
    });
}

/** The express router for {base}/scim/v2 (scimmy-routers), authenticated with the current bearer token. */
function createScimRouter(state) {
  declareResources(state);
  const router = new SCIMMYRouters({
    type: "bearer",
    handler: (req) => {
      const header = req.header("Authorization") ?? "";
      const match = /^Bearer\s+(.+)$/i.exec(header);
      if (!match || !tokenMatches(state, match[1].trim())) {
        req.res?.set("WWW-Authenticate", 'Bearer realm="scim"');
        throw new Error(match ? "Invalid bearer token" : "Authorization not detected");
      }
      return undefined; // no /Me user
    },
    baseUri: () => state.baseUrl,
  });
  // We accept passwords (password sync) through PUT/PATCH of the password attribute.
  SCIMMY.Config.set({ changePassword: true });
  return router;
}

module.exports = { createScimRouter, applyFilter };
