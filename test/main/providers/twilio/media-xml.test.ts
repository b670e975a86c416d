import { describe, expect, it } from 'vitest';
import { parseMediaXml } from '../../../../main/providers/twilio/media-xml.js';

// The example of Twilio's documentation (specs/twilio-message-media.txt), with a valid parent SID.
const DOC_EXAMPLE =
  '<TwilioResponse> <Media> <Sid>ME557ce644e5ab84fa21cc21112e22c485</Sid> <AccountSid>ACda6f1e11047ebd6fe7a55f120be3a900</AccountSid> ' +
  '<ParentSid>MM8dfedb55c129dd4d6bd1f59af9d11080</ParentSid> <ContentType>image/jpeg</ContentType> <DateCreated>Fri, 17 Jul 2009 01:52:49 +0000</DateCreated> ' +
  '<DateUpdated>Fri, 17 Jul 2009 01:52:49 +0000</DateUpdated> <Uri>/2010-04-01/Accounts/ACda6f1e11047ebd6fe7a55f120be3a900/Message/MM8dfedb55c129dd4d6bd1f59af9d11080/Media/ME557ce644e5ab84fa21cc21112e22c485.xml</Uri> </Media> </TwilioResponse>';

describe('parseMediaXml', () => {
  it("reads the documentation's example into the same fields as the JSON form", () => {
    expect(parseMediaXml(DOC_EXAMPLE)).toEqual({
      sid: 'ME557ce644e5ab84fa21cc21112e22c485',
      account_sid: 'ACda6f1e11047ebd6fe7a55f120be3a900',
      parent_sid: 'MM8dfedb55c129dd4d6bd1f59af9d11080',
      content_type: 'image/jpeg',
      date_created: 'Fri, 17 Jul 2009 01:52:49 +0000',
      date_updated: 'Fri, 17 Jul 2009 01:52:49 +0000',
      date_created_iso: new Date(Date.UTC(2009, 6, 17, 1, 52, 49)).toISOString().replace('.000Z', 'Z'),
      date_updated_iso: new Date(Date.UTC(2009, 6, 17, 1, 52, 49)).toISOString().replace('.000Z', 'Z'),
      uri: '/2010-04-01/Accounts/ACda6f1e11047ebd6fe7a55f120be3a900/Message/MM8dfedb55c129dd4d6bd1f59af9d11080/Media/ME557ce644e5ab84fa21cc21112e22c485.xml',
    });
  });

  it('reads an empty element as null', () => {
    expect(parseMediaXml('<TwilioResponse><Media><Sid>ME557ce644e5ab84fa21cc21112e22c485</Sid><ContentType/></Media></TwilioResponse>').content_type).toBeNull();
  });

  it('refuses XML that is broken, has a DOCTYPE, lacks <Media> or carries a malformed SID', () => {
    const cases = [
      '<TwilioResponse><Media><Sid>ME1</Media>',
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><TwilioResponse><Media><Sid>&a;</Sid></Media></TwilioResponse>',
      '<TwilioResponse><Message/></TwilioResponse>',
      '<TwilioResponse><Media><Sid>../../x</Sid></Media></TwilioResponse>',
    ];
    for (const xml of cases) expect(() => parseMediaXml(xml), xml).toThrow(expect.objectContaining({ code: 'protocol' }));
  });
});
