#!/usr/bin/env node
/* eslint-disable no-restricted-syntax */
// Thin launcher: inside the monorepo the TypeScript sources run through Backstage's Node
// transform; a published package ships dist/ and loads that instead.
const path = require('node:path');
const fs = require('node:fs');

const dist = path.resolve(__dirname, '../dist/index.cjs.js');
let runCli;
if (fs.existsSync(dist) && !fs.existsSync(path.resolve(__dirname, '../src'))) {
  ({ runCli } = require(dist));
} else {
  require('@backstage/cli/config/nodeTransform.cjs');
  ({ runCli } = require('../src/cli/main.ts'));
}

process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
});
