import { renderEmail, UnknownTemplateError } from './email-templates.js';

describe('renderEmail', () => {
  it('fills the invitation template and escapes HTML in the html part', () => {
    const email = renderEmail('invitation', {
      orgName: '<Acme>',
      inviterName: 'Grace',
      acceptUrl: 'https://app/accept?t=1&x=2',
    });
    expect(email.subject).toBe('Grace invited you to <Acme> on NovaPulse');
    expect(email.text).toContain('https://app/accept?t=1&x=2');
    expect(email.html).toContain('&#60;Acme&#62;');
    expect(email.html).toContain('t=1&#38;x=2');
    expect(email.html).not.toContain('<Acme>');
  });

  it('refuses a template it does not know', () => {
    expect(() => renderEmail('constructor', {})).toThrow(UnknownTemplateError);
  });
});
