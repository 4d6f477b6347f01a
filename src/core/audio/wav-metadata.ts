/**
 * Provenance inside WAV files, in two places readers look: a LIST/INFO chunk (ISFT = generator,
 * ICMT = one-line provenance, INAM = source) that every editor shows, and an iXML chunk whose
 * <ALEA_PROVENANCE> block keeps each field typed so that reading gives back exactly what was written.
 */
import { provenanceFromText, provenanceToText, type Provenance } from '../provenance.ts';
import { readFourCC, writeFourCC } from './riff.ts';

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** INFO text is nominally Latin-1; modern tools write UTF-8. Accept both. */
function decodeText(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  const text = end < 0 ? bytes : bytes.subarray(0, end);
  try {
    return strictUtf8.decode(text);
  } catch {
    return latin1.decode(text);
  }
}

export function encodeInfoChunk(provenance: Provenance): Uint8Array {
  const entries: [string, string][] = [
    ['ISFT', provenance.generator],
    ['ICMT', provenanceToText(provenance)],
  ];
  if (provenance.source !== undefined) entries.push(['INAM', provenance.source]);
  const encoded = entries.map(([id, text]) => ({ id, bytes: utf8.encode(`${text}\0`) }));
  const size = 4 + encoded.reduce((sum, e) => sum + 8 + e.bytes.byteLength + (e.bytes.byteLength & 1), 0);
  const body = new Uint8Array(size);
  const view = new DataView(body.buffer);
  writeFourCC(body, 0, 'INFO');
  let offset = 4;
  for (const entry of encoded) {
    writeFourCC(body, offset, entry.id);
    view.setUint32(offset + 4, entry.bytes.byteLength, true);
    body.set(entry.bytes, offset + 8);
    offset += 8 + entry.bytes.byteLength + (entry.bytes.byteLength & 1);
  }
  return body;
}

/** Reads the text fields of a LIST chunk of type INFO; other LIST types give an empty record. */
export function decodeInfoChunk(body: Uint8Array): Record<string, string> {
  const fields: Record<string, string> = {};
  if (body.byteLength < 4 || readFourCC(body, 0) !== 'INFO') return fields;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let offset = 4;
  while (offset + 8 <= body.byteLength) {
    const id = readFourCC(body, offset);
    const size = view.getUint32(offset + 4, true);
    const end = Math.min(body.byteLength, offset + 8 + size);
    fields[id] = decodeText(body.subarray(offset + 8, end));
    offset = offset + 8 + size + (size & 1);
  }
  return fields;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function encodeIxmlChunk(provenance: Provenance): Uint8Array {
  const lines = [`<GENERATOR>${escapeXml(provenance.generator)}</GENERATOR>`];
  if (provenance.model) {
    lines.push(
      `<MODEL><NAME>${escapeXml(provenance.model.name)}</NAME><SHA256>${escapeXml(provenance.model.sha256)}</SHA256></MODEL>`,
    );
  }
  if (provenance.seed !== undefined) lines.push(`<SEED>${provenance.seed}</SEED>`);
  if (provenance.source !== undefined) lines.push(`<SOURCE>${escapeXml(provenance.source)}</SOURCE>`);
  if (provenance.params) {
    const params = Object.keys(provenance.params)
      .sort()
      .map((key) => {
        const value = provenance.params?.[key];
        return `<PARAM NAME="${escapeXml(key)}" TYPE="${typeof value}">${escapeXml(String(value))}</PARAM>`;
      });
    lines.push(`<PARAMS>${params.join('')}</PARAMS>`);
  }
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<BWFXML><IXML_VERSION>2.10</IXML_VERSION>' +
    `<NOTE>${escapeXml(provenanceToText(provenance))}</NOTE>\n<ALEA_PROVENANCE>${lines.join('')}</ALEA_PROVENANCE></BWFXML>\n`;
  return utf8.encode(xml);
}

/** The raw (still escaped) content of the first <name> element. */
function rawElement(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return match === null ? undefined : match[1];
}

function element(xml: string, name: string): string | undefined {
  const raw = rawElement(xml, name);
  return raw === undefined ? undefined : unescapeXml(raw);
}

/** The provenance in an iXML chunk written by Alea, or undefined for other iXML. */
export function decodeIxmlChunk(body: Uint8Array): Provenance | undefined {
  const block = /<ALEA_PROVENANCE>([\s\S]*?)<\/ALEA_PROVENANCE>/.exec(decodeText(body));
  if (block === null) return undefined;
  const xml = block[1];
  const generator = element(xml, 'GENERATOR');
  if (generator === undefined) return undefined;
  const provenance: Provenance = { generator };
  const model = rawElement(xml, 'MODEL');
  if (model !== undefined) provenance.model = { name: element(model, 'NAME') ?? '', sha256: element(model, 'SHA256') ?? '' };
  const seed = element(xml, 'SEED');
  if (seed !== undefined) provenance.seed = Number(seed);
  const source = element(xml, 'SOURCE');
  if (source !== undefined) provenance.source = source;
  const paramsXml = rawElement(xml, 'PARAMS');
  if (paramsXml !== undefined) {
    const params: Record<string, string | number | boolean> = {};
    for (const m of paramsXml.matchAll(/<PARAM NAME="([^"]*)" TYPE="(\w+)">([^<]*)<\/PARAM>/g)) {
      const value = unescapeXml(m[3]);
      params[unescapeXml(m[1])] = m[2] === 'number' ? Number(value) : m[2] === 'boolean' ? value === 'true' : value;
    }
    provenance.params = params;
  }
  return provenance;
}

/**
 * The provenance a file carries: Alea's iXML block when present (exact), else the INFO comment
 * when it is in Alea's `generator=…` form, else just the INFO software name of a foreign file.
 */
export function provenanceFromChunks(info: Record<string, string>, ixml: Provenance | undefined): Provenance | undefined {
  if (ixml !== undefined) return ixml;
  const comment = info.ICMT;
  if (comment !== undefined && comment.startsWith('generator=')) return provenanceFromText(comment);
  const software = info.ISFT;
  if (software !== undefined && software.length > 0) return { generator: software };
  return undefined;
}
