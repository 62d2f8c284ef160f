import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';

@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        uri: config.mongo.uri,
        serverSelectionTimeoutMS: config.mongo.timeoutMs,
        connectTimeoutMS: config.mongo.timeoutMs,
        socketTimeoutMS: config.mongo.timeoutMs * 6,
        // Fail fast instead of queueing queries while disconnected, so a request never hangs on Mongo.
        bufferCommands: false,
        autoIndex: true,
      }),
    }),
  ],
})
export class DatabaseModule {}
