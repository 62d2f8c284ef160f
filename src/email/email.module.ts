import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EmailService } from './email.service.js';
import { EmailMessage, EmailMessageSchema } from './email-message.schema.js';
import { EmailMessagesRepository } from './email-messages.repository.js';

/** Producing emails: used by the API and by the worker alike. */
@Module({
  imports: [MongooseModule.forFeature([{ name: EmailMessage.name, schema: EmailMessageSchema }])],
  providers: [EmailMessagesRepository, EmailService],
  exports: [EmailMessagesRepository, EmailService],
})
export class EmailModule {}
