import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { parseTemplate, renderTemplate, renderTemplateForDisplay, SECRET_MASK, usesSecret, type TemplateContext, type TemplateScope } from '../../../../main/providers/generic/template-engine.js';

const scope: TemplateScope = {
  account: { username: 'jöhn doe', password: 'p@ss&word=1', host: 'example.com' },
  secretKeys: new Set(['password']),
  globals: { appId: 'com.example.desk' },
  service: { sms_to: '+1 555 0100', description: 'Été à "Paris"\nday 2', media_size: '1234' },
};

function render(source: string, context: TemplateContext = 'part', customScope = scope): string {
  return renderTemplate(parseTemplate(source, 'testSetting'), context, customScope);
}

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a failure');
}

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

describe('template variables', () => {
  it('substitutes account keys, service variables and globals', () => {
    expect(render('%account[username]%|%sms_to%|%appId%|%account[host]%')).toBe('jöhn doe|+1 555 0100|com.example.desk|example.com');
  });

  it('prefers the service variable over a global of the same name', () => {
    expect(render('%sms_to%', 'part', { ...scope, globals: { sms_to: 'global' } })).toBe('+1 555 0100');
  });

  it('keeps literal text, including characters that look like syntax', () => {
    expect(render('a=b&c[d]()')).toBe('a=b&c[d]()');
  });

  it('writes %% as one literal percent sign', () => {
    expect(render('100%% of %sms_to%')).toBe('100% of +1 555 0100');
  });

  it('reads two adjacent variables as two variables, not as %%', () => {
    expect(render('%media_size%%sms_to%')).toBe('1234+1 555 0100');
  });

  it('refuses an unknown variable instead of sending it empty', () => {
    const error = failure(() => render('x=%nope%'));
    expect(error.code).toBe('config');
    expect(error.message).toBe('testSetting uses %nope%, which is not a known variable.');
  });

  it('says when a service variable exists but not in this request', () => {
    expect(failure(() => render('%media_url%')).message).toBe('testSetting uses %media_url%, which is not available in this request.');
    expect(failure(() => render('%media_content%')).message).toContain('only be the whole value of a multipart part');
  });

  it('refuses an account key the account does not have', () => {
    const error = failure(() => render('%account[pin]%'));
    expect(error.code).toBe('config');
    expect(error.message).toBe('testSetting uses %account[pin]%, but this account has no "pin".');
  });

  it('does not read inherited object properties as variables', () => {
    expect(failure(() => render('%toString%')).code).toBe('config');
    expect(failure(() => render('%account[constructor]%')).code).toBe('config');
  });
});

describe('the sha1 function', () => {
  it('hashes the UTF-8 of its content in lowercase hex', () => {
    expect(render('%sha1(%account[password]%)%')).toBe(sha1('p@ss&word=1'));
    expect(render('%sha1(Été)%')).toBe(sha1('Été'));
  });

  it('hashes text and nested variables together, raw (not URL-encoded)', () => {
    expect(render('%sha1(%account[username]%:%account[password]%)%', 'url')).toBe(sha1('jöhn doe:p@ss&word=1'));
  });

  it('nests', () => {
    expect(render('%sha1(%sha1(x)%)%')).toBe(sha1(sha1('x')));
  });

  it('refuses other functions and unclosed calls', () => {
    expect(failure(() => render('%md5(x)%')).message).toBe('testSetting uses the function %md5(…)%; the only function is %sha1(…)%.');
    expect(failure(() => render('%sha1(x')).message).toBe('testSetting has a %sha1(…)% that is never closed with ")%".');
  });
});

describe('malformed templates', () => {
  it.each([
    ['a lone percent', 'rate=5%', 7],
    ['a percent-encoding written as is', 'https://x.example/a%20b', 20],
    ['an unclosed variable', 'to=%sms_to', 4],
  ])('refuses %s, naming the position', (_label, source, position) => {
    const error = failure(() => parseTemplate(source, 'genericMediaUploadUrl'));
    expect(error.code).toBe('config');
    expect(error.message).toBe(`genericMediaUploadUrl has a "%" that does not start a variable (write %% for a literal percent sign) at character ${position}.`);
  });

  it('refuses a key on something other than account, and an empty key', () => {
    expect(failure(() => parseTemplate('%global[x]%', 's')).message).toBe('s uses %global[x]%; only %account[KEY]% takes a key.');
    expect(failure(() => parseTemplate('%account[]%', 's')).message).toBe('s uses %account[]% without a key.');
  });

  it('refuses a stray ")%" outside a function', () => {
    expect(failure(() => parseTemplate('%sha1(a)%)%', 's')).code).toBe('config');
  });
});

describe('substitution contexts', () => {
  it('url: percent-encodes values as UTF-8 and leaves the template literal alone', () => {
    expect(render('https://x.example/up?u=%account[username]%&p=%account[password]%&to=%sms_to%', 'url')).toBe(
      'https://x.example/up?u=j%C3%B6hn%20doe&p=p%40ss%26word%3D1&to=%2B1%20555%200100',
    );
  });

  it("url: encodes RFC 3986 sub-delimiters that encodeURIComponent keeps (!'()*)", () => {
    const custom = { ...scope, service: { description: "it's (really) *fine*!" } };
    expect(render('?d=%description%', 'url', custom)).toBe('?d=it%27s%20%28really%29%20%2Afine%2A%21');
  });

  it('url: a literal %% stays one percent sign the template owns', () => {
    expect(render('https://x.example/a%%20b?to=%sms_to%', 'url')).toBe('https://x.example/a%20b?to=%2B1%20555%200100');
  });

  it('form: encodes like application/x-www-form-urlencoded (space as +)', () => {
    expect(render('from=%account[username]%&p=%account[password]%&to=%sms_to%', 'form')).toBe('from=j%C3%B6hn+doe&p=p%40ss%26word%3D1&to=%2B1+555+0100');
    expect(new URLSearchParams(render('d=%description%', 'form')).get('d')).toBe(scope.service.description);
  });

  it('json: escapes values as the inside of a JSON string', () => {
    const body = render('{"d":"%description%","to":"%sms_to%"}', 'json');
    expect(JSON.parse(body)).toEqual({ d: scope.service.description, to: '+1 555 0100' });
  });

  it('part: sends values raw', () => {
    expect(render('%description%', 'part')).toBe(scope.service.description);
  });

  it('header: refuses a value with a line break, blaming the user input when it came from the request', () => {
    const error = failure(() => render('X-Note: %description%', 'header'));
    expect(error.code).toBe('validation');
    expect(error.message).toBe('The value of %description% contains a line break, which cannot go into the header in testSetting.');
  });

  it('header: refuses a line break coming from the account as a configuration error', () => {
    const custom = { ...scope, account: { ...scope.account, token: 'abc\r\nX-Injected: 1' } };
    expect(failure(() => render('%account[token]%', 'header', custom)).code).toBe('config');
  });

  it('header: refuses other control characters but keeps UTF-8 text', () => {
    const custom = { ...scope, service: { description: 'a\u0000b' } };
    expect(failure(() => render('%description%', 'header', custom)).message).toContain('control character');
    expect(render('%account[username]%', 'header')).toBe('jöhn doe');
  });
});

describe('usesSecret', () => {
  const secrets = new Set(['password']);
  it('is true when a secret account key is substituted, even inside sha1', () => {
    expect(usesSecret(parseTemplate('p=%account[password]%', 's').nodes, secrets)).toBe(true);
    expect(usesSecret(parseTemplate('p=%sha1(%account[password]%)%', 's').nodes, secrets)).toBe(true);
  });
  it('is false for non-secret keys and plain text', () => {
    expect(usesSecret(parseTemplate('u=%account[username]%&password=literal', 's').nodes, secrets)).toBe(false);
  });
});

describe('the display rendering (what logs and messages may show)', () => {
  const hostile = { ...scope, account: { ...scope.account, password: `p!'()*~ä é+/=%&"<>\\ %41` } };
  const display = (source: string, context: TemplateContext = 'url') => renderTemplateForDisplay(parseTemplate(source, 'testSetting'), context, hostile);

  it("masks every secret substitution, whatever the encoding, and keeps the template's shape", () => {
    expect(display('https://h.example/precheck/%account[password]%?u=%account[username]%')).toBe(`https://h.example/precheck/${SECRET_MASK}?u=j%C3%B6hn%20doe`);
    for (const context of ['url', 'form', 'json', 'part', 'header'] as const) {
      const shown = display('a=%account[password]%&b=%sms_to%', context);
      expect(shown.startsWith(`a=${SECRET_MASK}&b=`)).toBe(true);
      expect(shown).not.toContain('p!');
    }
  });

  it('masks a %sha1(…)% over a secret, but not one over public values', () => {
    expect(display('/s/%sha1(%account[username]%%account[password]%)%/x')).toBe(`/s/${SECRET_MASK}/x`);
    expect(display('/s/%sha1(%account[username]%)%')).toBe(`/s/${sha1('jöhn doe')}`);
  });

  it('renders the same text as renderTemplate where no secret is used', () => {
    const source = 'https://h.example/u/%account[username]%/%sms_to%?d=%description%';
    expect(display(source)).toBe(renderTemplate(parseTemplate(source, 'testSetting'), 'url', hostile));
  });
});
