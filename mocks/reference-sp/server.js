#!/usr/bin/env node
"use strict";
// Reference SP: `node server.js --port 0` listens on 127.0.0.1 and prints, as its first stdout line,
// `listening http://127.0.0.1:PORT`. Diagnostics (never tokens, passwords or SAML payloads) go to stderr.
const http = require("node:http");
const { createState, setToken } = require("./src/state");
const { createApp } = require("./src/app");

function usage(message) {
  if (message) process.stderr.write(`reference-sp: ${message}\n`);
  process.stderr.write("usage: node server.js [--port N] [--verbose]\n" +
    "  --port N     TCP port on 127.0.0.1 (0 = a free port; default 0)\n" +
    "  --verbose    log request errors to stderr\n" +
    "  env REFERENCE_SP_SCIM_TOKEN   optional initial SCIM bearer token (else POST /_control/token)\n");
  process.exit(message ? 2 : 0);
}

function parseArgs(argv) {
  const opts = { port: 0, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port" || arg.startsWith("--port=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (!/^\d+$/.test(value ?? "") || Number(value) > 65535) usage(`bad --port '${value}'`);
      opts.port = Number(value);
    } else if (arg === "--verbose") {
      opts.verbose = true;
    } else if (arg === "--help" || arg === "-h") {
      usage();
    } else {
      usage(`unknown argument '${arg}'`);
    }
  }
  return opts;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const state = createState();
  if (process.env.REFERENCE_SP_SCIM_TOKEN) setToken(state, process.env.REFERENCE_SP_SCIM_TOKEN);
  const log = opts.verbose ? (line) => process.stderr.write(`reference-sp: ${line}\n`) : () => {};
  const app = createApp(state, { log });
  const server = http.createServer(app);

  server.on("error", (err) => {
    process.stderr.write(`reference-sp: cannot listen: ${err.message}\n`);
    process.exit(1);
  });

  server.listen(opts.port, "127.0.0.1", () => {
    const { port } = server.address();
    state.baseUrl = `http://127.0.0.1:${port}`;
    state.relayState = `${state.baseUrl}/`;
    process.stdout.write(`listening ${state.baseUrl}\n`);
  });

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    if (opts.verbose) process.stderr.write(`reference-sp: ${signal}, stopping\n`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main();
