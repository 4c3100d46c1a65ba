import { create } from 'xmlbuilder2';

/** Why a bank's ISO 20022 document was refused; the message names the problem, never the content. */
export class BankReportError extends Error {}

/** A parsed XML element as xmlbuilder2's object format gives it. */
export type XmlNode = Record<string, unknown>;

export const asArray = (v: unknown): XmlNode[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as XmlNode[]) : [v as XmlNode];
export const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

/**
 * Parses a bank's ISO 20022 document and returns its `Document` element, after checking that its
 * namespace is one of the message (e.g. `pain.002`, any version). Documents with a DTD are refused
 * before parsing (no entity expansion).
 */
export function readIso20022(xml: string, message: 'pain.002' | 'camt.054'): XmlNode {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new BankReportError('document type declarations are not accepted');
  let root: XmlNode;
  try {
    root = create(xml).end({ format: 'object' }) as XmlNode;
  } catch {
    throw new BankReportError('is not well-formed XML');
  }
  const doc = root.Document as XmlNode | undefined;
  const ns = text(doc?.['@xmlns']);
  const expected = new RegExp(
    `^urn:iso:std:iso:20022:tech:xsd:${message.replace('.', '\\.')}\\.001\\.\\d{2}$`,
  );
  if (!doc || !ns || !expected.test(ns)) throw new BankReportError(`is not an ISO 20022 ${message} document`);
  return doc;
}
