// XML indented for reading (Twilio's media resource comes as one long line). Entities are left exactly as written,
// never expanded, and a document with a DOCTYPE or that is not well-formed is shown as it came.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
} as const;

export function prettyXml(xml: string): string {
  if (/<!DOCTYPE/i.test(xml) || XMLValidator.validate(xml) !== true) return xml;
  const tree: unknown = new XMLParser(OPTIONS).parse(xml);
  const text = new XMLBuilder({ ...OPTIONS, format: true, indentBy: '  ', suppressEmptyNode: true }).build(tree);
  return text.trim();
}
