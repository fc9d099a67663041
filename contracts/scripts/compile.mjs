#!/usr/bin/env node
// Compiles the contracts under src/ with solc-js through standard JSON and writes, per deployable
// contract, its ABI, creation bytecode, runtime bytecode and metadata, plus the complete
// standard-JSON input (every source inlined) that an explorer needs to verify the deployment.
//
// usage: node scripts/compile.mjs [outDir]      (default: target/solc)
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(root, process.argv[2] ?? 'target/solc');
const srcDir = path.join(root, 'src');

export const SETTINGS = {
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 10000 },
  viaIR: false,
  metadata: { bytecodeHash: 'ipfs' },
  remappings: ['@openzeppelin/contracts/=node_modules/@openzeppelin/contracts/'],
  outputSelection: {
    '*': {
      '*': ['abi', 'metadata', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'],
    },
  },
};
// The contracts a deployment creates; the others are interfaces and libraries.
const DEPLOYABLE = ['SpectrumPolicy', 'SettlementToken', 'SpectrumExchange', 'BrokerCourt'];
// Contracts built with settings of their own, in a compilation of their own (foundry.toml's
// compilation_restrictions say the same to forge). The court is built for size: its calls are rare,
// and through the IR pipeline at 200 runs it is 21.5 kB, where the legacy pipeline makes 24.5 kB of
// it (at 10 000 runs it would not fit EIP-170's 24 576 bytes at all). The exchange goes through the
// IR pipeline at 10 000 runs for its settlement gas: against the legacy pipeline at the same runs,
// about 3.6k less gas a fill and 3.7 kB smaller (contracts/README, "Where the gas goes"). Each gets
// its own verification input, and its compilation asks for its own output only (so only they go
// through the slower IR pipeline).
export const OVERRIDES = {
  BrokerCourt: { optimizer: { enabled: true, runs: 200 }, viaIR: true },
  SpectrumExchange: { optimizer: { enabled: true, runs: 10000 }, viaIR: true },
};

function listSources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listSources(p) : e.name.endsWith('.sol') ? [p] : [];
  });
}

function newestMtime(files) {
  return Math.max(...files.map((f) => fs.statSync(f).mtimeMs));
}

function resolveImport(unitName) {
  for (const mapping of SETTINGS.remappings) {
    const [prefix, target] = mapping.split('=');
    if (unitName.startsWith(prefix)) return path.join(root, target + unitName.slice(prefix.length));
  }
  return path.join(root, unitName);
}

function main() {
  let solc;
  try {
    solc = require('solc');
  } catch (e) {
    console.error('solc-js is not installed: run `npm ci` in contracts/ (the Maven build does it for you)');
    process.exit(2);
  }
  const files = listSources(srcDir);
  const stamp = path.join(outDir, 'standard-input.json');
  const inputs = [...files, fileURLToPath(import.meta.url), path.join(root, 'package-lock.json')];
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newestMtime(inputs)) {
    console.log(`contracts up to date in ${path.relative(process.cwd(), outDir) || '.'}`);
    return;
  }

  // First pass: sources under src/ by content; imports resolved from disk through the remappings.
  const sources = Object.fromEntries(
    files.map((f) => [path.relative(root, f).split(path.sep).join('/'), { content: fs.readFileSync(f, 'utf8') }]),
  );
  const loaded = new Map();
  const findImports = (unitName) => {
    try {
      const content = fs.readFileSync(resolveImport(unitName), 'utf8');
      loaded.set(unitName, content);
      return { contents: content };
    } catch {
      return { error: `import not found: ${unitName}` };
    }
  };
  const ownSources = new Set(Object.keys(OVERRIDES).map((n) => `src/${n}.sol`));
  const compile = (settings, first, only) => {
    const input = {
      language: 'Solidity',
      sources: Object.fromEntries(Object.entries(sources).filter(([f]) => only(f))),
      settings,
    };
    const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
    const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
    // Warnings about the OpenZeppelin sources are theirs to fix, not ours; a contract built with
    // its own settings is not judged by the first compilation's (its size, 5574), and the other
    // compilations only repeat the first one's warnings.
    for (const e of output.errors ?? []) {
      const file = e.sourceLocation?.file ?? '';
      const shown =
        e.severity === 'error' ||
        (first && !file.startsWith('@openzeppelin/') && !(e.errorCode === '5574' && ownSources.has(file)));
      if (shown) console.error(e.formattedMessage);
    }
    if (errors.length) {
      console.error(`solc: ${errors.length} error(s)`);
      process.exit(1);
    }
    return output;
  };
  // The first compilation builds every source but those with settings of their own (nothing under
  // src/ imports them; the court does not compile through the legacy pipeline at all, its stack is
  // too deep for it); each of those is compiled alone with its imports.
  const full = SETTINGS.outputSelection['*']['*'];
  const output = compile(SETTINGS, true, (f) => !ownSources.has(f));
  const overridden = Object.fromEntries(
    Object.entries(OVERRIDES).map(([name, o]) => [
      name,
      {
        settings: {
          ...SETTINGS,
          ...o,
          outputSelection: { [`src/${name}.sol`]: { [name]: full } },
        },
      },
    ]),
  );
  for (const [name, o] of Object.entries(overridden)) o.output = compile(o.settings, false, (f) => f === `src/${name}.sol`);

  // The verification input inlines every source the compiler read, imports included, so it
  // compiles anywhere without node_modules.
  const allSources = { ...sources };
  for (const [name, content] of loaded) allSources[name] = { content };
  const inputWith = (settings) => ({
    language: 'Solidity',
    sources: Object.fromEntries(Object.keys(allSources).sort().map((k) => [k, allSources[k]])),
    settings: { ...settings, remappings: [] },
  });
  const standardInput = inputWith(SETTINGS);

  fs.mkdirSync(outDir, { recursive: true });
  const version = solc.version();
  const summary = { compiler: `v${version.replace('.Emscripten.clang', '')}`, settings: SETTINGS, contracts: {} };
  const built = [output, ...Object.values(overridden).map((o) => o.output)];
  for (const [unit, contracts] of built.flatMap((o) => Object.entries(o.contracts))) {
    for (const [name, c] of Object.entries(contracts)) {
      if (!DEPLOYABLE.includes(name) || (overridden[name] && !overridden[name].output.contracts[unit]?.[name])) continue;
      const own = overridden[name];
      const abiText = JSON.stringify(c.abi, null, 2);
      fs.writeFileSync(path.join(outDir, `${name}.abi`), abiText);
      publishAbi(name, abiText);
      fs.writeFileSync(path.join(outDir, `${name}.bin`), c.evm.bytecode.object);
      fs.writeFileSync(path.join(outDir, `${name}.runtime.bin`), c.evm.deployedBytecode.object);
      fs.writeFileSync(path.join(outDir, `${name}.metadata.json`), c.metadata);
      summary.contracts[name] = {
        source: unit,
        fullyQualifiedName: `${unit}:${name}`,
        bytecodeSize: c.evm.deployedBytecode.object.length / 2,
      };
      if (own) {
        // its own settings and verification input; the others share standard-input.json
        const file = `${name}.standard-input.json`;
        fs.writeFileSync(path.join(outDir, file), JSON.stringify(inputWith(own.settings)));
        Object.assign(summary.contracts[name], { settings: own.settings, standardInput: file });
      }
    }
  }
  const missing = DEPLOYABLE.filter((n) => !summary.contracts[n]);
  if (missing.length) {
    console.error(`contracts not found in src/: ${missing.join(', ')}`);
    process.exit(1);
  }
  fs.writeFileSync(path.join(outDir, 'build-info.json'), JSON.stringify(summary, null, 2));
  fs.writeFileSync(stamp, JSON.stringify(standardInput));
  for (const [n, c] of Object.entries(summary.contracts)) console.log(`${n}: ${c.bytecodeSize} bytes runtime`);
}

/**
 * Writes the published ABI, `abi/<Contract>.json` in the source tree, the files non-Java clients
 * use (contracts/README.md, "Integrating without Java"). Written only when it changed, so a
 * contract change shows up in `git status` next to the source that made it.
 */
function publishAbi(name, abiText) {
  const dir = path.join(root, 'abi');
  const file = path.join(dir, `${name}.json`);
  const text = abiText + '\n';
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`published ABI ${path.relative(root, file)} updated`);
}

main();
