/** Each template names the variables it needs, so a caller cannot queue an email it cannot render. */
export interface EmailTemplateVariables {
  invitation: { orgName: string; inviterName: string; acceptUrl: string };
  'password-reset': { resetUrl: string; expiresInMinutes: string };
  'mfa-enabled': { name: string };
  'mfa-disabled': { name: string };
  'new-sign-in': { name: string; ip: string; userAgent: string; at: string };
  'password-changed': { name: string; at: string; how: 'reset' | 'change' };
  'sign-up-attempt': { name: string };
  'refresh-token-reused': { name: string; ip: string; at: string };
  'webhook-endpoint-disabled': { url: string; reason: string; orgName: string };
  /** A workflow's own subject and text, its placeholders already filled in. */
  workflow: { subject: string; text: string };
  'report-ready': { name: string; reportType: string; reportUrl: string; expiresAt: string };
}

export type EmailTemplateName = keyof EmailTemplateVariables;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const IF_NOT_YOU = 'If this was not you, reset your password now and contact your administrator.';

type Renderer<T> = (v: T) => { subject: string; lines: string[] };

const templates: { [K in EmailTemplateName]: Renderer<EmailTemplateVariables[K]> } = {
  'report-ready': (v) => ({
    subject: `Your ${v.reportType} report is ready`,
    lines: [
      `Hello ${v.name}, the report you asked for is ready: ${v.reportUrl}`,
      `It can be downloaded until ${v.expiresAt}.`,
    ],
  }),
  invitation: (v) => ({
    subject: `${v.inviterName} invited you to ${v.orgName} on NovaPulse`,
    lines: [`${v.inviterName} invited you to join ${v.orgName}.`, `Accept the invitation: ${v.acceptUrl}`],
  }),
  'password-reset': (v) => ({
    subject: 'Reset your NovaPulse password',
    lines: [
      `Reset your password here within ${v.expiresInMinutes} minutes: ${v.resetUrl}`,
      'If you did not ask for this, ignore this email; your password stays as it is.',
    ],
  }),
  'mfa-enabled': (v) => ({
    subject: 'Two-factor authentication is on',
    lines: [`Hello ${v.name}, two-factor authentication was just turned on for your NovaPulse account.`, IF_NOT_YOU],
  }),
  'mfa-disabled': (v) => ({
    subject: 'Two-factor authentication is off',
    lines: [`Hello ${v.name}, two-factor authentication was just turned off for your NovaPulse account.`, IF_NOT_YOU],
  }),
  'new-sign-in': (v) => ({
    subject: 'New sign-in to your NovaPulse account',
    lines: [
      `Hello ${v.name}, your account was signed in to at ${v.at} from ${v.ip} (${v.userAgent || 'unknown client'}).`,
      IF_NOT_YOU,
    ],
  }),
  'password-changed': (v) => ({
    subject: 'Your NovaPulse password was changed',
    lines: [
      `Hello ${v.name}, the password of your NovaPulse account was ${v.how === 'reset' ? 'reset with an emailed link' : 'changed'} at ${v.at}.`,
      v.how === 'reset' ? 'Every session was signed out.' : 'Every other session was signed out.',
      IF_NOT_YOU,
    ],
  }),
  'refresh-token-reused': (v) => ({
    subject: 'Every session of your NovaPulse account was signed out',
    lines: [
      `Hello ${v.name}, at ${v.at} a sign-in token of your account that had already been used was presented again, from ${v.ip}.`,
      'A used token should never come back: it may have been copied. Every session of your account was ended, so sign in again on each device.',
      'If you did not expect this, reset your password and contact your administrator.',
    ],
  }),
  'sign-up-attempt': (v) => ({
    subject: 'Someone tried to sign up with your email address',
    lines: [
      `Hello ${v.name}, someone tried to create a NovaPulse account with this email address, which already has one.`,
      'If it was you, sign in instead, or reset your password if you have forgotten it. Otherwise, ignore this email.',
    ],
  }),
  'webhook-endpoint-disabled': (v) => ({
    subject: 'A webhook endpoint was disabled',
    lines: [
      `NovaPulse stopped sending webhooks of ${v.orgName} to ${v.url}: ${v.reason}.`,
      'Messages for it are kept. Once the receiver works again, enable the endpoint and use recover to send what it missed.',
    ],
  }),
  workflow: (v) => ({ subject: v.subject, lines: v.text.split(/\n{2,}/) }),
};

export class UnknownTemplateError extends Error {}

export function isTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(templates, name);
}

export function renderEmail(template: string, variables: Record<string, string>): RenderedEmail {
  if (!isTemplateName(template)) throw new UnknownTemplateError(`unknown email template "${template}"`);
  const { subject, lines } = (templates[template] as Renderer<Record<string, string>>)(variables);
  return {
    subject,
    text: lines.join('\n\n'),
    html: lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
