#!/usr/bin/env node
// Checks UBL 2.1 documents the way an EN 16931 / PEPPOL BIS Billing 3.0 receiver would: the
// OASIS XSD (xmllint compiled to WebAssembly) and the CEN and PEPPOL Schematron rules, turned
// into XSLT (sch2xsl.js) and run by SaxonJS, an XSLT 3 processor with exact xs:decimal
// arithmetic. (node-schematron was tried first: it computes decimals as binary floating point,
// so BR-G-08's exact sum of line amounts failed on valid documents, and it cannot run the
// PEPPOL file's xsl:function helpers.)
//
//   node validate.js [--shared DIR] FILE.xml...
//
// Prints one line per document and, last, one JSON line with the counts. Exit 0: every document
// is valid (no XSD error, no failed fatal assert); 1: some are not; 2: the check could not run.
// The rules compile once (half a minute) into node_modules/.cache, keyed by their content.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { validateXML, memoryPages } = require('xmllint-wasm');
const SaxonJS = require('saxon-js');
const { convert } = require('./sch2xsl');

function parseArgs(argv) {
  let shared = path.resolve(__dirname, 'shared');
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--shared') shared = path.resolve(argv[++i]);
    else files.push(path.resolve(argv[i]));
  }
  if (files.length === 0) throw new Error('no documents given');
  return { shared, files };
}

// xmllint-wasm sees a flat in-memory folder, so the main schemas' "../common/" imports are
// pointed at the same folder.
function loadXsds(shared) {
  const root = path.join(shared, 'ubl-2.1', 'xsd');
  const flat = (dir) =>
    fs.readdirSync(path.join(root, dir)).map((name) => ({
      fileName: name,
      contents: fs
        .readFileSync(path.join(root, dir, name), 'utf8')
        .replace(/schemaLocation="\.\.\/(common|maindoc)\//g, 'schemaLocation="'),
    }));
  return flat('common').concat(flat('maindoc'));
}

// The rules compiled to SaxonJS's stylesheet format, from the cache when already there.
function compileRules(name, schText) {
  const xsl = convert(schText);
  const version = require('xslt3/package.json').version;
  const key = crypto.createHash('sha256').update(version).update(xsl).digest('hex').slice(0, 16);
  const cache = path.join(__dirname, 'node_modules', '.cache', 'finctl-ubl');
  const sef = path.join(cache, `${name}-${key}.sef.json`);
  if (!fs.existsSync(sef)) {
    fs.mkdirSync(cache, { recursive: true });
    const src = path.join(cache, `${name}-${key}.${process.pid}.xsl`);
    const tmp = `${sef}.${process.pid}.tmp`;
    fs.writeFileSync(src, xsl);
    const r = spawnSync(
      process.execPath,
      [require.resolve('xslt3/xslt3.js'), `-xsl:${src}`, `-export:${tmp}`, '-nogo'],
      { encoding: 'utf8' },
    );
    fs.rmSync(src, { force: true });
    if (r.status !== 0 || !fs.existsSync(tmp)) {
      throw new Error(`compiling ${name} failed: ${r.stderr || r.stdout || r.error}`);
    }
    fs.renameSync(tmp, sef);
  }
  return JSON.parse(fs.readFileSync(sef, 'utf8'));
}

function loadRules(shared) {
  return ['CEN-EN16931-UBL.sch', 'PEPPOL-EN16931-UBL.sch'].map((name) => {
    const text = fs.readFileSync(path.join(shared, 'en16931', name), 'utf8');
    return { name, sef: compileRules(name.replace(/\.sch$/, ''), text) };
  });
}

// One line per failed assert: id, flag, location, message.
function runRules(rule, xml) {
  const r = SaxonJS.transform(
    { stylesheetInternal: rule.sef, sourceText: xml, destination: 'serialized' },
    'sync',
  );
  return (r.principalResult || '')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [id, flag, location, message] = l.split('\t');
      return { id, flag, location: (location || '').replace(/Q\{[^}]*\}/g, ''), message };
    });
}

function rootName(xml) {
  const m = /<(?:[A-Za-z_][\w.-]*:)?(Invoice|CreditNote)\b/.exec(xml.replace(/<\?[^>]*\?>/g, ''));
  if (!m) throw new Error('neither an Invoice nor a CreditNote');
  return m[1];
}

async function xsdErrors(xsds, kind, docs) {
  if (docs.length === 0) return new Map();
  const main = xsds.find((f) => f.fileName === `UBL-${kind}-2.1.xsd`);
  const result = await validateXML({
    xml: docs.map((d) => ({ fileName: d.name, contents: d.xml })),
    schema: [main],
    preload: xsds.filter((f) => f !== main),
    maxMemoryPages: memoryPages.GiB,
  });
  const errors = new Map();
  for (const e of result.errors) {
    const file = e.loc ? e.loc.fileName : '?';
    if (!errors.has(file)) errors.set(file, []);
    errors.get(file).push(e.message.trim());
  }
  if (!result.valid && errors.size === 0) throw new Error(`xmllint failed: ${result.rawOutput}`);
  return errors;
}

async function main() {
  const { shared, files } = parseArgs(process.argv.slice(2));
  const xsds = loadXsds(shared);
  const rules = loadRules(shared);
  const docs = files.map((file, i) => {
    const xml = fs.readFileSync(file, 'utf8');
    // Plain names: xmllint-wasm refuses paths it could read as options.
    return { file, name: `doc${i}.xml`, xml, kind: rootName(xml) };
  });
  const xsd = new Map();
  for (const kind of ['Invoice', 'CreditNote']) {
    for (const [k, v] of await xsdErrors(xsds, kind, docs.filter((d) => d.kind === kind))) {
      xsd.set(k, v);
    }
  }
  const counts = { documents: 0, Invoice: 0, CreditNote: 0, invalid: 0, fatal: 0, warnings: 0 };
  for (const doc of docs) {
    const problems = (xsd.get(doc.name) || []).map((m) => `XSD: ${m}`);
    const warnings = [];
    for (const rule of rules) {
      for (const r of runRules(rule, doc.xml)) {
        const line = `${rule.name} ${r.id} at ${r.location}: ${r.message}`;
        if (r.flag === 'fatal') problems.push(line);
        else warnings.push(line);
      }
    }
    counts.documents += 1;
    counts[doc.kind] += 1;
    counts.fatal += problems.length;
    counts.warnings += warnings.length;
    if (problems.length) counts.invalid += 1;
    console.log(`${problems.length ? 'INVALID' : 'valid'} ${doc.kind} ${doc.file}`);
    for (const p of problems) console.log(`  error ${p}`);
    for (const w of warnings) console.log(`  warning ${w}`);
  }
  console.log(JSON.stringify(counts));
  return counts.invalid === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`validate.js: ${e && e.stack ? e.stack : e}`);
    process.exit(2);
  },
);
