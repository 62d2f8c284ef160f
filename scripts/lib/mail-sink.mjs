// A local SMTP server for development that prints each email it receives instead of delivering it.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export async function startMailSink() {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          console.log(`\n✉  to ${mail.to?.text ?? '?'}: ${mail.subject ?? ''}\n${mail.text ?? ''}\n`);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
