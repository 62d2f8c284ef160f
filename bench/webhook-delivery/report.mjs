// The bench's table: per pipeline, the median of each measure over the rounds, then NovaPulse's ratios
// to the durable baseline.

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fixed = (digits) => (value) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

const COLUMNS = [
  ['pipeline', 17, (rs) => rs.name, 'left'],
  ['deliv/s', 9, (rs) => fixed(1)(median(rs.map((r) => r.perSecond)))],
  ['p50 ms', 9, (rs) => fixed(1)(median(rs.map((r) => r.p50)))],
  ['p99 ms', 9, (rs) => fixed(1)(median(rs.map((r) => r.p99)))],
  ['mongo/ev', 10, (rs) => fixed(2)(median(rs.map((r) => r.mongoPerEvent)))],
  ['redis/ev', 10, (rs) => fixed(1)(median(rs.map((r) => r.redisPerEvent)))],
  ['cpu api', 9, (rs) => fixed(2)(median(rs.map((r) => r.cpuPerEvent.api)))],
  ['cpu wrk', 9, (rs) => fixed(2)(median(rs.map((r) => r.cpuPerEvent.worker)))],
  ['cpu ms/ev', 11, (rs) => fixed(2)(median(rs.map(cpuTotal)))],
  ['rss api', 9, (rs) => fixed(0)(median(rs.map((r) => r.peakRss.api)))],
  ['rss wrk', 9, (rs) => fixed(0)(median(rs.map((r) => r.peakRss.worker)))],
  ['missing', 9, (rs) => String(Math.max(...rs.map((r) => r.missing)))],
  ['dups', 6, (rs) => String(Math.max(...rs.map((r) => r.duplicates)))],
  ['errors', 8, (rs) => String(Math.max(...rs.map((r) => r.errors.length)))],
];

const cpuTotal = (r) => (r.cpuPerEvent.api ?? 0) + r.cpuPerEvent.worker;

/** @param {string} title @param {Record<string, any[]>} results per pipeline, one entry per round */
export function printTable(title, results) {
  const cells = (values) =>
    values.map((v, i) => (COLUMNS[i][3] === 'left' ? v.padEnd(COLUMNS[i][1]) : v.padStart(COLUMNS[i][1]))).join('');
  console.log(`\n${title}`);
  console.log('medians of the rounds; cpu = CPU ms per delivered event, rss = peak RSS in MB (— : no such process)');
  console.log(cells(COLUMNS.map(([name]) => name)));
  for (const [name, rounds] of Object.entries(results)) {
    console.log(cells(COLUMNS.map(([, , value]) => value(Object.assign([...rounds], { name })))));
  }
  for (const [name, rounds] of Object.entries(results)) {
    const perRound = rounds.map((r) => r.perSecond.toFixed(1)).join(', ');
    const byCommand = (counts) =>
      Object.entries(counts)
        .sort(([, a], [, b]) => b - a)
        .filter(([, n]) => n >= 0.05)
        .map(([command, n]) => `${command} ${n.toFixed(2)}`)
        .join(', ');
    console.log(`${name}: deliveries/s by round ${perRound}`);
    console.log(`  per event in round 1: Mongo ${byCommand(rounds[0].mongoByCommand)}`);
    console.log(`  Redis ${byCommand(rounds[0].redisByCommand)}`);
    const firstError = rounds.flatMap((r) => r.errors)[0];
    if (firstError) console.log(`${name}: first send error: ${firstError}`);
  }
  const np = results.NovaPulse;
  const durable = results['durable baseline'];
  const ratio = (pick) => (median(np.map(pick)) / median(durable.map(pick))).toFixed(2);
  console.log(
    `NovaPulse / durable baseline: deliveries/s ×${ratio((r) => r.perSecond)}, CPU per event ×${ratio(cpuTotal)}, ` +
      `Mongo commands ×${ratio((r) => r.mongoPerEvent)}, Redis commands ×${ratio((r) => r.redisPerEvent)}`,
  );
}
