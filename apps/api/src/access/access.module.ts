import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';

/** Provides the `AccessService` to every feature module. */
@Global()
@Module({ providers: [AccessService], exports: [AccessService] })
export class AccessModule {}
