import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from './clock.js';
import { ShutdownState } from './shutdown-state.js';

@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }, ShutdownState], exports: [CLOCK, ShutdownState] })
export class CommonModule {}
