import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

/** The official pain.001.001.09 schema as shipped with the service. */
const XSD = readFileSync(
  fileURLToPath(new URL('../../src/batches/pain.001.001.09.xsd', import.meta.url)),
  'utf8',
);

/** Validates a pain.001 document against the shipped XSD with libxml2 (xmllint compiled to wasm). */
export async function validatePain001(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'pain001.xml', contents: xml }],
    schema: [{ fileName: 'pain.001.001.09.xsd', contents: XSD }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
