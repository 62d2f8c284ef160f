/**
 * Runs `pass` every `everyMs`, never two at once (a slow pass is not overlapped), and lets the pass in
 * flight finish on stop, so a shutdown does not cut a batch in half.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly everyMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick() {
    this.running ??= this.pass()
      .then(() => undefined)
      .catch(this.onError)
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
