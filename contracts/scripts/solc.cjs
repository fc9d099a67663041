#!/usr/bin/env node
// A solc command line over solc-js, just enough for forge: `--version` and `--standard-json`
// (input on stdin). Forge then compiles offline with the compiler pinned in package-lock.json.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const args = process.argv.slice(2);
if (args.includes('--version')) {
  // forge parses the "Version:" line; the platform suffix does not matter to it.
  process.stdout.write('solc, the solidity compiler commandline interface\n');
  process.stdout.write(`Version: ${solc.version().replace('Emscripten.clang', 'Linux.g++')}\n`);
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write('this solc wrapper supports only --version and --standard-json\n');
  process.exit(2);
}
const basePathIndex = args.indexOf('--base-path');
const basePath = basePathIndex >= 0 ? args[basePathIndex + 1] : process.cwd();
const allowed = [basePath];
const allowIndex = args.indexOf('--allow-paths');
if (allowIndex >= 0) allowed.push(...args[allowIndex + 1].split(','));

function findImports(unitName) {
  const candidate = path.resolve(basePath, unitName);
  if (!allowed.some((dir) => candidate.startsWith(path.resolve(dir)))) {
    return { error: `import outside the allowed paths: ${unitName}` };
  }
  try {
    return { contents: fs.readFileSync(candidate, 'utf8') };
  } catch {
    return { error: `import not found: ${unitName}` };
  }
}

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  process.stdout.write(solc.compile(Buffer.concat(chunks).toString('utf8'), { import: findImports }));
});
