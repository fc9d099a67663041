#!/usr/bin/env node
// Runs the forge binary that npm installed for this platform, with the given arguments, from
// contracts/. Used by `npm test` and the Maven build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const platform = { linux: 'linux', darwin: 'darwin', win32: 'win32' }[process.platform];
const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch];
const binary = path.join(
  root, 'node_modules', '@foundry-rs', `forge-${platform}-${arch}`, 'bin', process.platform === 'win32' ? 'forge.exe' : 'forge');
if (!fs.existsSync(binary)) {
  console.error(`forge is not installed for ${process.platform}/${process.arch} (${binary}); run npm ci in contracts/`);
  process.exit(2);
}
const result = spawnSync(binary, process.argv.slice(2), { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
