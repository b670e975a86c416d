import { describe, expect, it } from 'vitest';
import { scanNextPageLink } from '../../../../main/providers/twilio/page-link-scan.js';

const LINK = '/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM00000000000000000000000000000001/Media.json?PageSize=2&Page=1&PageToken=PAME01';

describe('scanNextPageLink', () => {
  it('finds the link among the paging fields before the list, and knows nothing until they are all there', () => {
    const body = `{"page": 0, "page_size": 2, "uri": "/x", "previous_page_uri": null, "next_page_uri": "${LINK}", "media_list": [{"sid": "ME1"}]}`;
    const complete = body.indexOf(LINK) + LINK.length + 1;
    for (let cut = 0; cut < complete; cut++) expect(scanNextPageLink(body.slice(0, cut)), body.slice(0, cut)).toBeUndefined();
    for (let cut = complete; cut <= body.length; cut++) expect(scanNextPageLink(body.slice(0, cut))).toBe(LINK);
  });

  it('finds it at the start of a long answer that arrived in one piece', () => {
    const entries = Array.from({ length: 400 }, (_, n) => `{"sid":"ME${String(n).padStart(32, '0')}","uri":"/${'u'.repeat(200)}"}`);
    const body = `{"page":0,"next_page_uri":"${LINK}","media_list":[${entries.join(',')}]}`;
    expect(body.length).toBeGreaterThan(64 * 1024);
    expect(scanNextPageLink(body)).toBe(LINK);
  });

  it('says there is none when the head has it null or empty', () => {
    expect(scanNextPageLink('{"next_page_uri":null,"media_list":[')).toBeNull();
    expect(scanNextPageLink('{"next_page_uri":"","media_list":[')).toBeNull();
  });

  it('does not look inside the list, nor after it: a link written there is left to the parsed page', () => {
    expect(scanNextPageLink(`{"media_list":[{"next_page_uri":"${LINK}"}],"next_page_uri":"${LINK}"}`)).toBeNull();
    expect(scanNextPageLink(`{"meta":{"next_page_uri":"${LINK}"},"next_page_uri":"${LINK}"}`)).toBeNull();
    // A comma inside a nested object must not read as the end of a plain value.
    expect(scanNextPageLink(`{"meta":{"a":1,"next_page_uri":"${LINK}"},"next_page_uri":"${LINK}"}`)).toBeNull();
  });

  it('gives up on what it does not read plainly: escapes, a value that is not JSON, not an object, an endless head', () => {
    expect(scanNextPageLink(`{"next_page_uri":"${LINK}\\u0026x=1","media_list":[`)).toBeNull();
    expect(scanNextPageLink(`{"next\\u005fpage_uri":"${LINK}","media_list":[`)).toBeNull();
    expect(scanNextPageLink(`{"page" 0,"next_page_uri":"${LINK}"`)).toBeNull();
    expect(scanNextPageLink(`{"page":,"next_page_uri":"${LINK}"`)).toBeNull();
    expect(scanNextPageLink(`["next_page_uri","${LINK}"]`)).toBeNull();
    expect(scanNextPageLink(`["next_page_uri":"${LINK}"]`)).toBeNull();
    expect(scanNextPageLink(`{"page"=0,"next_page_uri":"${LINK}"`)).toBeNull();
    expect(scanNextPageLink(`{"uri":"${'x'.repeat(20_000)}","next_page_uri":"${LINK}"`)).toBeNull();
    // A link that starts inside the first 16 KiB but ends after them is not read past the limit.
    const straddling = `{"uri":"${'x'.repeat(16 * 1024 - 40)}","next_page_uri":"${LINK}","media_list":[]}`;
    expect(straddling.indexOf(LINK)).toBeLessThan(16 * 1024);
    expect(straddling.indexOf(LINK) + LINK.length).toBeGreaterThan(16 * 1024);
    expect(scanNextPageLink(straddling)).toBeNull();
  });

  it('reads a head of several KiB of page fields before the list', () => {
    expect(scanNextPageLink(`{"uri":"${'x'.repeat(10_000)}","next_page_uri":"${LINK}","media_list":[`)).toBe(LINK);
  });
});
