import { parseExactJson } from './exact-json.js';

describe('parseExactJson', () => {
  it.each(['9007199254740993', '18446744073709551615', '1e400', '-9223372036854775809', '0.10', '1E2'])(
    'writes %s back as it was written',
    (number) => {
      const text = `{"a":{"n":${number},"list":[${number},1,2.5]}}`;
      expect(JSON.stringify(parseExactJson(text))).toBe(text);
    },
  );

  it('keeps numbers a double holds as plain numbers', () => {
    expect(parseExactJson('{"a":1,"b":-2.5,"c":9007199254740991}')).toEqual({ a: 1, b: -2.5, c: 9007199254740991 });
  });

  it.each(['__proto__', 'constructor'])('refuses a %s key at any depth, naming it', (key) => {
    expect(() => parseExactJson(`{"a":[{"${key}":{"polluted":true}}]}`)).toThrow(key);
  });

  it('throws SyntaxError for text that is not JSON', () => {
    expect(() => parseExactJson('{"a":')).toThrow(SyntaxError);
  });
});
