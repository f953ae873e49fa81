import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';

/** Throws unless `xml` is a well-formed, namespace-well-formed XML 1.0 document (checked by saxes, a conforming parser). */
export function assertWellFormedXml(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.write(xml).close();
  if (failure) throw new Error(`not well-formed XML: ${failure.message}`);
}

/**
 * Parses XML for assertions, after `assertWellFormedXml`. Text stays text (`007` is not a
 * number), entities are decoded, attributes are kept as `@_name`, and the elements in `lists`
 * are always arrays.
 */
export function parseXml(xml: string, lists: readonly string[] = []): Record<string, any> {
  assertWellFormedXml(xml);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => lists.includes(name),
  });
  return parser.parse(xml);
}

/** The text of an element parsed by `parseXml`, whether it has attributes or not. */
export function textOf(node: unknown): string {
  return typeof node === 'object' && node !== null ? String((node as Record<string, unknown>)['#text'] ?? '') : String(node ?? '');
}
