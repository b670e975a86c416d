import { describe, expect, it } from 'vitest';
import { idProblem, MAX_ID_LENGTH } from '../../../../main/sandbox/library/ids.js';

describe('idProblem', () => {
  it.each(['photos', 'holiday 2025', 'file.v2.jpg', 'call:26919119', 'Ünïcødé 写真', 'x'.repeat(MAX_ID_LENGTH)])('accepts %j', (id) => {
    expect(idProblem(id)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['.', /"\."/],
    ['..', /\.\./],
    ['a..b', /\.\./],
    ['a/b', /slash/],
    ['a\\b', /slash/],
    ['nul\u0000', /control/],
    ['line\nbreak', /control/],
    ['del\u007f', /control/],
    [' lead', /space/],
    ['x'.repeat(MAX_ID_LENGTH + 1), /longer/],
    ['\ud800', /Unicode/],
  ])('refuses %j', (id, reason) => {
    expect(idProblem(id)).toMatch(reason);
  });
});
