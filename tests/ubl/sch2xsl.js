// Turns an ISO Schematron file (query binding xslt2) into an XSLT 3 stylesheet, the way the
// ISO skeleton does, so that a real XSLT processor (SaxonJS) runs the rules: exact xs:decimal
// arithmetic (the rules compare sums of amounts for equality), xsl:function helpers as written.
//
// Each pattern becomes a mode; each rule a template matching its context, with priorities in
// rule order so that a node fires the first rule that matches it in a pattern; each failed
// assert (or fired report) writes one line: id, flag, location, message.
'use strict';

const slimdom = require('slimdom');

const SCH = 'http://purl.oclc.org/dsdl/schematron';
const XSL = 'http://www.w3.org/1999/XSL/Transform';

const esc = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const children = (node, name) =>
  Array.from(node.childNodes).filter(
    (n) => n.nodeType === 1 && n.namespaceURI === SCH && (!name || n.localName === name),
  );

function variable(letEl) {
  const name = letEl.getAttribute('name');
  if (!letEl.hasAttribute('value')) throw new Error(`let ${name} without a value`);
  return `<xsl:variable name="${esc(name)}" select="${esc(letEl.getAttribute('value'))}"/>`;
}

// The message of an assert: its text, with <value-of>/<name> evaluated as the skeleton does.
function message(el) {
  let out = '';
  for (const n of Array.from(el.childNodes)) {
    if (n.nodeType === 3) out += `<xsl:text>${esc(n.data)}</xsl:text>`;
    else if (n.nodeType === 1 && n.localName === 'value-of') {
      out += `<xsl:value-of select="${esc(n.getAttribute('select'))}"/>`;
    } else if (n.nodeType === 1 && n.localName === 'name') {
      out += `<xsl:value-of select="name(${esc(n.getAttribute('path') || '.')})"/>`;
    }
  }
  return out;
}

function check(el) {
  const test = el.getAttribute('test');
  const fires = el.localName === 'assert' ? `not(${test})` : test;
  const id = el.getAttribute('id') || '';
  const flag = el.getAttribute('flag') || 'fatal';
  return (
    `<xsl:if test="${esc(fires)}">` +
    `<xsl:variable name="finctl-msg">${message(el)}</xsl:variable>` +
    `<xsl:value-of select="('${esc(id)}', '${esc(flag)}', path(), normalize-space($finctl-msg))" separator="&#9;"/>` +
    `<xsl:text>&#10;</xsl:text></xsl:if>`
  );
}

function convert(schText) {
  const doc = slimdom.parseXmlDocument(schText);
  const schema = doc.documentElement;
  if (schema.namespaceURI !== SCH) throw new Error('not an ISO Schematron schema');
  const binding = schema.getAttribute('queryBinding') || 'xslt';
  if (!/^xslt[23]?$/.test(binding)) throw new Error(`query binding ${binding} is not supported`);
  const ns = children(schema, 'ns').map(
    (n) => ` xmlns:${n.getAttribute('prefix')}="${esc(n.getAttribute('uri'))}"`,
  );
  const parts = [];
  for (const el of Array.from(schema.childNodes)) {
    if (el.nodeType !== 1) continue;
    if (el.namespaceURI === XSL && el.localName === 'function') {
      parts.push(slimdom.serializeToWellFormedString(el));
    } else if (el.namespaceURI === SCH && el.localName === 'let') {
      parts.push(variable(el));
    } else if (el.namespaceURI === SCH && ['include', 'extends'].includes(el.localName)) {
      throw new Error(`sch:${el.localName} is not supported`);
    }
  }
  const patterns = children(schema, 'pattern');
  const apply = patterns.map((_, i) => `<xsl:apply-templates select="/" mode="p${i}"/>`).join('');
  parts.push(`<xsl:template match="/">${apply}</xsl:template>`);
  patterns.forEach((pattern, i) => {
    if (pattern.getAttribute('abstract') === 'true' || pattern.hasAttribute('is-a')) {
      throw new Error('abstract patterns are not supported');
    }
    // As in the ISO skeleton, a pattern's lets are global: rule contexts use them.
    parts.push(...children(pattern, 'let').map(variable));
    const next = `<xsl:apply-templates select="*" mode="p${i}"/>`;
    parts.push(`<xsl:template match="/|*" mode="p${i}" priority="-100">${next}</xsl:template>`);
    const rules = children(pattern, 'rule');
    rules.forEach((rule, j) => {
      const body =
        children(rule, 'let').map(variable).join('') +
        [...children(rule, 'assert'), ...children(rule, 'report')].map(check).join('');
      parts.push(
        `<xsl:template match="${esc(rule.getAttribute('context'))}" mode="p${i}" priority="${rules.length - j}">${body}${next}</xsl:template>`,
      );
    });
  });
  return (
    `<xsl:stylesheet version="3.0" xmlns:xsl="${XSL}"${ns.join('')}` +
    ` exclude-result-prefixes="#all"><xsl:output method="text"/>\n${parts.join('\n')}\n</xsl:stylesheet>\n`
  );
}

module.exports = { convert };
