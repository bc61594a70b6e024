#!/usr/bin/env node
// Validates a Two Hats xAPI export (a JSON array of statements) with
// @learninglocker/xapi-validation, Learning Locker's own statement validator.
//
//   node validate.js statements.json      (or - for standard input)
//
// Prints every warning as `statement N (id): path: message` and a summary
// line; exits 0 only when there is no warning at all, 1 when there are
// warnings, 2 when the file cannot be read or is not a JSON array.
'use strict';

const fs = require('fs');
const validate = require('@learninglocker/xapi-validation').default;

function fail(msg) {
  console.error(msg);
  process.exit(2);
}

const arg = process.argv[2];
if (!arg) fail('usage: node validate.js STATEMENTS.json (or - for standard input)');
let text;
try {
  text = fs.readFileSync(arg === '-' ? 0 : arg, 'utf8');
} catch (e) {
  fail(`cannot read ${arg}: ${e.message}`);
}
let statements;
try {
  statements = JSON.parse(text);
} catch (e) {
  fail(`${arg} is not JSON: ${e.message}`);
}
if (!Array.isArray(statements)) fail(`${arg} is not a JSON array of statements`);

let warnings = 0;
const ids = new Set();
statements.forEach((st, i) => {
  const where = `statement ${i + 1} (${st && st.id})`;
  const found = validate(st);
  for (const w of found) {
    warnings++;
    const path = Array.isArray(w.path) ? w.path.join('.') : String(w.path);
    const kind = (w.constructor && w.constructor.name) || 'Warning';
    const detail = w.typeName ? `expected ${w.typeName}` : kind;
    let data;
    try {
      data = JSON.stringify(w.data);
    } catch (e) {
      data = String(w.data);
    }
    if (data && data.length > 120) data = data.slice(0, 120) + '…';
    console.log(`${where}: ${path}: ${kind}: ${detail}, got ${data}`);
  }
  // Beyond the validator: what an LRS would refuse when storing a batch.
  if (st && st.id !== undefined) {
    if (ids.has(st.id)) {
      warnings++;
      console.log(`${where}: id: the id is used by an earlier statement`);
    }
    ids.add(st.id);
  }
  if (st && st.version !== undefined) {
    warnings++;
    console.log(`${where}: version: the export must leave version to the LRS`);
  }
});
console.log(`${statements.length} statements, ${warnings} warnings`);
process.exit(warnings === 0 ? 0 : 1);
