import { stringify } from 'csv-stringify';
import { createHash } from 'node:crypto';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReportFormat } from '../report.schema.js';

export interface WrittenReport {
  rows: number;
  bytes: number;
  sha256: string;
}

/**
 * Streams records into `sink` as CSV or NDJSON: one record at a time, so memory stays flat however
 * many rows there are. CSV cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) are
 * escaped with a leading quote.
 */
export async function writeReport(
  records: AsyncIterable<Record<string, unknown>>,
  format: ReportFormat,
  columns: readonly string[],
  sink: Writable,
): Promise<WrittenReport> {
  let rows = 0;
  let bytes = 0;
  const hash = createHash('sha256');
  const counted = Readable.from(
    (async function* () {
      for await (const record of records) {
        rows++;
        yield record;
      }
    })(),
  );
  const formatter =
    format === 'csv'
      ? stringify({
          header: true,
          columns: [...columns],
          escape_formulas: true,
          cast: { date: (d) => d.toISOString() },
        })
      : new Transform({
          writableObjectMode: true,
          transform(record: Record<string, unknown>, _encoding, done) {
            done(null, `${JSON.stringify(record)}\n`);
          },
        });
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(counted, formatter, measure, sink);
  return { rows, bytes, sha256: hash.digest('hex') };
}
