import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '../auth/auth.module.js';
import { UsersModule } from '../users/users.module.js';
import { OperatorAccess } from './operator-access.js';
import { PlatformOperator, PlatformOperatorSchema } from './platform-operator.schema.js';
import { PlatformOperatorsRepository } from './platform-operators.repository.js';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: PlatformOperator.name, schema: PlatformOperatorSchema }]),
    AuthModule,
    UsersModule,
  ],
  providers: [PlatformOperatorsRepository, OperatorAccess],
  exports: [OperatorAccess],
})
export class OperatorsModule {}
