import { throttledWarning } from './throttled-warning.js';

describe('throttledWarning', () => {
  it('logs the first warning, then at most one per period', () => {
    const logged: object[] = [];
    let now = 1_000;
    const warn = throttledWarning({ warn: (fields) => logged.push(fields) }, () => now, 60_000);
    warn({ n: 1 });
    now += 59_999;
    warn({ n: 2 });
    now += 1;
    warn({ n: 3 });
    expect(logged).toEqual([{ n: 1 }, { n: 3 }]);
  });
});
