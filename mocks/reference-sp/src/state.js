"use strict";
// The reference SP's whole state: in memory, one SP per process.
const crypto = require("node:crypto");

const SAML_DEFAULTS = Object.freeze({
  enabled: false,
  autoProvisioning: false,
  certificatePem: null,
  loginUrl: null,
  passwordChangeUrl: null,
  logoutUrl: null,
  userIdAttribute: "uid",
  emailAttribute: "email",
  pickUserIdFromNameId: true,
  idpEntityId: null,
});

function createState() {
  return {
    baseUrl: null, // set once the server listens: http://127.0.0.1:PORT
    tokenHash: null, // sha256 of the current SCIM bearer token (the token itself is not kept)
    users: new Map(), // id -> stored SCIM user (password included, never returned over SCIM)
    groups: new Map(), // id -> stored SCIM group
    sessions: [], // logins the ACS accepted, in order
    journal: [], // SCIM and ACS requests, in order
    faults: [], // injected faults on SCIM requests
    seenAssertions: new Map(), // assertion/response ID -> expiry (ms), replay cache
    saml: { ...SAML_DEFAULTS },
    relayState: null, // generated once the base URL is known
  };
}

/** POST /_control/reset: forget users, groups, sessions, journal, faults; keep the token and SAML settings. */
function reset(state) {
  state.users.clear();
  state.groups.clear();
  state.sessions.length = 0;
  state.journal.length = 0;
  state.faults.length = 0;
  state.seenAssertions.clear();
}

function hashToken(token) {
  return crypto.createHash("sha256").update(String(token), "utf8").digest();
}

function setToken(state, token) {
  state.tokenHash = hashToken(token);
}

function newToken(state) {
  const token = crypto.randomBytes(32).toString("base64url");
  setToken(state, token);
  return token;
}

function tokenMatches(state, presented) {
  if (!state.tokenHash || typeof presented !== "string" || presented.length === 0) return false;
  return crypto.timingSafeEqual(state.tokenHash, hashToken(presented));
}

function findUserByUserName(state, userName) {
  if (typeof userName !== "string") return undefined;
  const all = [...state.users.values()];
  return all.find((u) => u.userName === userName) ??
    all.find((u) => typeof u.userName === "string" && u.userName.toLowerCase() === userName.toLowerCase());
}

module.exports = {
  SAML_DEFAULTS,
  createState,
  reset,
  setToken,
  newToken,
  tokenMatches,
  findUserByUserName,
};
