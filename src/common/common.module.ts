import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock.js';

/** Side effects every domain may need, swappable in tests. */
@Global()
@Module({})
export class CommonModule {
  static register(clock: Clock = new SystemClock()): DynamicModule {
    return { module: CommonModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
