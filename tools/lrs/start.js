#!/usr/bin/env node
// Starts Learning Locker's xAPI statement service (xapi-statements, pinned in
// package.json) on the loopback interface with everything in memory, for
// Two Hats' tests:
//
//   node -r ./bind-loopback.js start.js [PORT] [DIR]
//
// PORT defaults to 0 (a free port; the address is printed as
// "twohats-lrs: listening on http://127.0.0.1:PORT"); DIR, where the service
// writes attachments and access logs, defaults to a temporary folder removed
// on exit. The statements resource is http://127.0.0.1:PORT/xAPI/statements
// and any Basic credentials are accepted. Stop it with SIGTERM or Ctrl-C.
'use strict';

require('./bind-loopback');

const fs = require('fs');
const os = require('os');
const path = require('path');

const port = process.argv[2] || process.env.EXPRESS_PORT || '0';
if (!/^\d+$/.test(port)) {
  console.error(`start.js: the port ${JSON.stringify(port)} is not a number; give a port such as 8090, or 0 for a free one.`);
  process.exit(2);
}
let dir = process.argv[3] || process.env.FS_LOCAL_STORAGE_DIR;
if (!dir) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twohats-lrs-'));
  const made = dir;
  process.on('exit', () => fs.rmSync(made, { recursive: true, force: true }));
}
dir = path.resolve(dir);

Object.assign(process.env, {
  MODELS_REPO: 'memory',
  STORAGE_REPO: 'local',
  AUTH_REPO: 'test',
  EVENTS_REPO: 'test',
  EXPRESS_PORT: port,
  FS_LOCAL_STORAGE_DIR: dir,
  EXPRESS_MORGAN_DIRECTORY: path.join(dir, 'accessLogs'),
  WINSTON_CONSOLE_LEVEL: process.env.WINSTON_CONSOLE_LEVEL || 'warn',
  AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1', // the SDK is loaded, never used
});

require('xapi-statements');
