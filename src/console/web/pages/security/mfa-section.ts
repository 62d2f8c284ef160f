import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../contract.js';
import { ErrorNotice, formValues } from '../../ui.js';
import { RecoveryCodes } from './recovery-codes.js';

interface Setup {
  secret: string;
  qrCodeDataUrl: string;
}

type Step =
  { kind: 'idle' } | { kind: 'password' } | { kind: 'scan'; setup: Setup } | { kind: 'codes'; codes: string[] };

interface Props {
  api: ApiClient;
  mfaEnabled: boolean;
  /** The account changed (MFA turned on or off): read it again. */
  onChanged: () => void;
}

/** Turning MFA on (password → QR code → a code → recovery codes), regenerating the codes, turning it off. */
export function MfaSection({ api, mfaEnabled, onChanged }: Props): VNode {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    action()
      .catch(setError)
      .finally(() => setBusy(false));
  };
  const start = (event: Event) => {
    const { password = '' } = formValues(event);
    run(async () => setStep({ kind: 'scan', setup: await api.send<Setup>('POST', '/mfa/setup', { password }) }));
  };
  const verify = (event: Event) => {
    const { code = '' } = formValues(event);
    run(async () => {
      const { recoveryCodes } = await api.send<{ recoveryCodes: string[] }>('POST', '/mfa/verify', { code });
      setStep({ kind: 'codes', codes: recoveryCodes });
    });
  };
  const regenerate = (event: Event) => {
    const { code = '' } = formValues(event);
    run(async () => {
      const { recoveryCodes } = await api.send<{ recoveryCodes: string[] }>('POST', '/mfa/recovery-codes', { code });
      setStep({ kind: 'codes', codes: recoveryCodes });
    });
  };
  const turnOff = (event: Event) => {
    const { password = '', code = '' } = formValues(event);
    run(async () => {
      await api.send('POST', '/mfa/disable', { password, code });
      onChanged();
    });
  };
  const finish = () => {
    setStep({ kind: 'idle' });
    onChanged();
  };

  return html`<section aria-labelledby="mfa-heading" class="card">
    <h2 id="mfa-heading">Two-factor authentication</h2>
    <${ErrorNotice} error=${error} />
    ${
      step.kind === 'codes'
        ? html`<${RecoveryCodes} codes=${step.codes} onDone=${finish} />`
        : mfaEnabled
          ? html`<p>Two-factor authentication is <strong>on</strong>.</p>
              <form key="regenerate" onSubmit=${regenerate} class="stack">
                <h3>New recovery codes</h3>
                <label for="mfa-regenerate-code">Code from your app</label>
                <input id="mfa-regenerate-code" name="code" autocomplete="one-time-code" required />
                <button type="submit" disabled=${busy}>Regenerate recovery codes</button>
              </form>
              <form key="turn-off" onSubmit=${turnOff} class="stack">
                <h3>Turn off</h3>
                <label for="mfa-off-password">Password</label>
                <input id="mfa-off-password" name="password" type="password" autocomplete="current-password" required />
                <label for="mfa-off-code">Code from your app or a recovery code</label>
                <input id="mfa-off-code" name="code" autocomplete="one-time-code" required />
                <button type="submit" class="danger" disabled=${busy}>Turn off two-factor authentication</button>
              </form>`
          : enrolment(step, { busy, start, verify, begin: () => setStep({ kind: 'password' }) })
    }
  </section>`;
}

function enrolment(
  step: Step,
  on: { busy: boolean; start: (event: Event) => void; verify: (event: Event) => void; begin: () => void },
): VNode {
  switch (step.kind) {
    case 'password':
      return html`<form key="password" onSubmit=${on.start} class="stack">
        <label for="mfa-password">Password</label>
        <input id="mfa-password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit" disabled=${on.busy}>Continue</button>
      </form>`;
    case 'scan':
      return html`<form key="scan" onSubmit=${on.verify} class="stack">
        <p>Scan this code with your authenticator app, or type the secret into it.</p>
        <img class="qr" src=${step.setup.qrCodeDataUrl} alt="QR code for your authenticator app" />
        <p>Secret: <code data-testid="mfa-secret">${step.setup.secret}</code></p>
        <label for="mfa-code">Code from your app</label>
        <input id="mfa-code" name="code" inputmode="numeric" autocomplete="one-time-code" required />
        <button type="submit" disabled=${on.busy}>Turn on</button>
      </form>`;
    case 'idle':
    case 'codes':
      return html`<p>Two-factor authentication is <strong>off</strong>.</p>
        <button type="button" class="primary" onClick=${on.begin}>Turn on two-factor authentication</button>`;
  }
}
