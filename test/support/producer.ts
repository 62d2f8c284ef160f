import { getQueueToken } from '@nestjs/bullmq';
import { getModelToken } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import type { Model } from 'mongoose';
import { coreModules } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/config.js';
import { EmailModule } from '../../src/email/email.module.js';
import { EmailService } from '../../src/email/email.service.js';
import { EmailMessage } from '../../src/email/email-message.schema.js';
import { QueueProducer } from '../../src/queues/queue-producer.js';

/** The API's producing side, in the test process: what API code uses to enqueue work. */
export async function startProducer(env: Record<string, string>) {
  const module: TestingModule = await Test.createTestingModule({
    imports: [...coreModules(loadConfig(env)), EmailModule],
  }).compile();
  await module.init();
  const emailModel = module.get<Model<EmailMessage>>(getModelToken(EmailMessage.name));
  return {
    emails: module.get(EmailService),
    producer: module.get(QueueProducer),
    queue: (name: string) => module.get<Queue>(getQueueToken(name)),
    emailModel,
    async close() {
      await emailModel.db.dropDatabase();
      await module.close();
    },
  };
}
