import mongoose from 'mongoose';
import { configFromEnvironment } from '../config/config.js';
import { User, UserSchema } from '../users/user.schema.js';
import { UsersRepository } from '../users/users.repository.js';
import { PlatformOperator, PlatformOperatorSchema } from './platform-operator.schema.js';
import { PlatformOperatorsRepository } from './platform-operators.repository.js';

/**
 * `npm run operator -- grant|revoke <email>`: the only way to make or unmake a platform operator. It
 * runs where the service runs, with its configuration; the API has no route for it.
 */
const USAGE = 'usage: npm run operator -- grant|revoke <email>';

async function main(argv: string[]): Promise<number> {
  const [action, rawEmail] = argv;
  if ((action !== 'grant' && action !== 'revoke') || !rawEmail || argv.length !== 2) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const email = rawEmail.trim().toLowerCase();
  const config = configFromEnvironment();
  const connection = await mongoose
    .createConnection(config.mongo.uri, { serverSelectionTimeoutMS: config.mongo.timeoutMs })
    .asPromise();
  try {
    const users = new UsersRepository(connection.model<User>(User.name, UserSchema));
    const operators = new PlatformOperatorsRepository(
      connection.model<PlatformOperator>(PlatformOperator.name, PlatformOperatorSchema),
    );
    const user = await users.findByEmail(email);
    if (!user) {
      process.stderr.write(`no user has the email ${email}\n`);
      return 1;
    }
    const userId = user._id.toHexString();
    if (action === 'grant') {
      const granted = await operators.grant(userId, email);
      process.stdout.write(granted ? `${email} is now a platform operator\n` : `${email} was already an operator\n`);
    } else {
      const revoked = await operators.revoke(userId);
      process.stdout.write(revoked ? `${email} is no longer a platform operator\n` : `${email} was not an operator\n`);
    }
    return 0;
  } finally {
    await connection.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
