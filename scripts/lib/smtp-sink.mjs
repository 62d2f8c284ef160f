// @ts-check
// A real SMTP server that accepts every message and delivers none: tests read what it received, and
// `npm run up` prints each email instead.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * @typedef {import('mailparser').ParsedMail} ParsedMail
 * @typedef {object} SmtpSink
 * @property {string} url
 * @property {ParsedMail[]} messages every accepted message, unless `onMail` took them
 * @property {Promise<void>} mailStarted resolves when a client has started a message (MAIL FROM), before its data is accepted
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ acceptDelayMs?: number, onMail?: (mail: ParsedMail) => void }} [options] `acceptDelayMs` slows down
 * each message's acceptance; `onMail` receives each message instead of `messages`
 * @returns {Promise<SmtpSink>}
 */
export async function startSmtpSink({ acceptDelayMs = 0, onMail } = {}) {
  /** @type {ParsedMail[]} */
  const messages = [];
  /** @type {() => void} */
  let started = () => {};
  /** @type {Promise<void>} */
  const mailStarted = new Promise((resolve) => (started = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      started();
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (acceptDelayMs) await new Promise((resolve) => setTimeout(resolve, acceptDelayMs));
          if (onMail) onMail(mail);
          else messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.server.address());
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    mailStarted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
