import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { writeReport } from './report-writer.js';

async function written(records: Record<string, unknown>[], format: 'csv' | 'ndjson') {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const result = await writeReport(
    (async function* () {
      yield* records;
    })(),
    format,
    ['name', 'value'],
    sink,
  );
  return { result, text: Buffer.concat(chunks).toString('utf8') };
}

describe('writeReport', () => {
  it('writes CSV with a header, neutralising cells a spreadsheet would run as formulas', async () => {
    const { result, text } = await written(
      [
        { name: '=HYPERLINK("http://evil")', value: 1 },
        { name: '+1', value: '@SUM(A1)' },
        { name: 'plain, with "quotes"', value: new Date('2026-11-30T00:00:00Z') },
      ],
      'csv',
    );
    const parsed = parse(text, { columns: true }) as Record<string, string>[];
    expect(parsed).toEqual([
      { name: `'=HYPERLINK("http://evil")`, value: '1' },
      { name: `'+1`, value: `'@SUM(A1)` },
      { name: 'plain, with "quotes"', value: '2026-11-30T00:00:00.000Z' },
    ]);
    expect(result).toEqual({
      rows: 3,
      bytes: Buffer.byteLength(text),
      sha256: createHash('sha256').update(text).digest('hex'),
    });
  });

  it('writes one JSON object per line', async () => {
    const { result, text } = await written([{ name: 'a', value: 1 }, { name: '=b' }], 'ndjson');
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([{ name: 'a', value: 1 }, { name: '=b' }]);
    expect(result.rows).toBe(2);
  });
});
