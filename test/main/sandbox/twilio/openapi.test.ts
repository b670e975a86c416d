// Every answer of the sandbox's Twilio endpoints that the OpenAPI subset describes validates against that schema
// (Twilio's own twilio_api_v2010, cut to Message and Media). The spec's formats are checked for real: RFC 2822
// dates, E.164 numbers, and URIs, which Twilio writes relative to its API host (its own examples do too), so
// "uri" is checked as a relative /2010-04-01/ reference rather than as an absolute URI.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, httpRequest, startTestSandbox, type TestSandbox } from '../helpers.js';

const SPEC_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/twilio-openapi/twilio_api_v2010.media-subset.json');
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: unknown;
}

function loadValidators(): Record<string, ValidateFunction> {
  const spec = JSON.parse(fs.readFileSync(SPEC_PATH, 'utf8')) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('uri', (value: string) => /^\/2010-04-01\/[^\s]*$/.test(value));
  ajv.addFormat('date-time-rfc-2822', (value: string) =>
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/.test(value) &&
    !Number.isNaN(Date.parse(value)),
  );
  ajv.addFormat('phone-number', (value: string) => /^\+[1-9]\d{1,14}$/.test(value));
  ajv.addFormat('currency', (value: string) => /^[A-Za-z]{3}$/.test(value));
  // A format on an object, which Ajv cannot check: the test checks subresource_uris itself.
  ajv.addFormat('uri-map', true);
  ajv.addSchema({ $id: 'twilio.json', components: spec.components });
  const schemaFor = (p: string, method: string): ValidateFunction => {
    const schema = spec.paths[p]?.[method]?.responses['200']?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`no 200 JSON schema for ${method} ${p}`);
    const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"twilio.json#/components/')) as object;
    return ajv.compile(rewritten);
  };
  const base = '/2010-04-01/Accounts/{AccountSid}/Messages';
  return {
    messageList: schemaFor(`${base}.json`, 'get'),
    message: schemaFor(`${base}/{Sid}.json`, 'get'),
    mediaList: schemaFor(`${base}/{MessageSid}/Media.json`, 'get'),
    media: schemaFor(`${base}/{MessageSid}/Media/{Sid}.json`, 'get'),
  };
}

describe('Twilio answers validate against the OpenAPI subset', () => {
  let t: TestSandbox;
  let validators: Record<string, ValidateFunction>;
  let auth: string;
  let api: string;

  const getJson = async (uri: string, validator: ValidateFunction): Promise<Record<string, unknown>> => {
    const res = await httpRequest(`${t.sandbox.baseUrl}${uri}`, { headers: { Authorization: auth } });
    expect(res.status, uri).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    const valid = validator(body);
    expect(validator.errors ?? [], uri).toEqual([]);
    expect(valid).toBe(true);
    return body as Record<string, unknown>;
  };

  beforeAll(async () => {
    validators = loadValidators();
    t = await startTestSandbox();
    const { accountSid, authToken } = t.sandbox.accounts.twilio;
    auth = basicAuth(accountSid, authToken);
    api = `/2010-04-01/Accounts/${accountSid}`;
  });
  afterAll(() => t.stop());

  it('the validators reject what the schema forbids (they are not vacuous)', () => {
    expect(validators.media!({ sid: 'MM123', date_created: 'yesterday' })).toBe(false);
    expect(validators.message!({ num_media: 3 })).toBe(false);
    expect(validators.mediaList!({ next_page_uri: 'https://api.twilio.com/x' })).toBe(false);
  });

  it('every page of messages, every message, every media list and every media', async () => {
    let uri: string | null = `${api}/Messages.json?PageSize=40`;
    const messageUris: string[] = [];
    let pages = 0;
    while (uri !== null) {
      const page = await getJson(uri, validators.messageList!);
      pages += 1;
      for (const m of page.messages as Array<{ uri: string }>) messageUris.push(m.uri);
      uri = page.next_page_uri as string | null;
    }
    expect(pages).toBeGreaterThan(1);
    let mediaSeen = 0;
    for (const messageUri of messageUris) {
      const message = await getJson(messageUri, validators.message!);
      const mediaListUri = (message.subresource_uris as { media: string }).media;
      for (const value of Object.values(message.subresource_uris as Record<string, unknown>)) expect(value).toMatch(/^\/2010-04-01\/\S+\.json$/);
      const list = await getJson(mediaListUri, validators.mediaList!);
      const items = list.media_list as Array<{ uri: string }>;
      expect(items.length).toBe(Number(message.num_media));
      for (const item of items) {
        await getJson(item.uri, validators.media!);
        mediaSeen += 1;
      }
    }
    expect(mediaSeen).toBeGreaterThan(100);
  });

  it('filtered, paged and empty lists', async () => {
    const messages = (await getJson(`${api}/Messages.json?PageSize=1000`, validators.messageList!)).messages as Array<{
      to: string;
      uri: string;
      subresource_uris: { media: string };
      num_media: string;
    }>;
    const withMedia = messages.find((m) => Number(m.num_media) >= 3)!;
    const first = await getJson(`${withMedia.subresource_uris.media}?PageSize=2`, validators.mediaList!);
    expect(first.next_page_uri).not.toBeNull();
    const second = await getJson(first.next_page_uri as string, validators.mediaList!);
    expect(second.previous_page_uri).not.toBeNull();
    await getJson(`${api}/Messages.json?To=${encodeURIComponent(messages[0]!.to)}&DateSent%3E=2000-01-01&PageSize=5`, validators.messageList!);
    const empty = await getJson(`${withMedia.subresource_uris.media}?DateCreated%3C=1999-01-01`, validators.mediaList!);
    expect(empty.media_list).toEqual([]);
  });

  it('DELETE answers 204 with no body', async () => {
    const messages = (await getJson(`${api}/Messages.json?PageSize=5`, validators.messageList!)).messages as Array<{ subresource_uris: { media: string }; num_media: string }>;
    const message = messages.find((m) => Number(m.num_media) > 0)!;
    const media = ((await getJson(message.subresource_uris.media, validators.mediaList!)).media_list as Array<{ uri: string }>)[0]!;
    const res = await httpRequest(`${t.sandbox.baseUrl}${media.uri}`, { method: 'DELETE', headers: { Authorization: auth } });
    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
  });
});
