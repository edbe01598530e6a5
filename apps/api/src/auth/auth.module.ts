import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DelegateInvitations } from './delegate-invitations';
import { LoginLimiter } from './login-limiter';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { MailModule } from '../mail/mail.module';
import { OrganisationsRepositoryModule } from '../organisations/organisations.repository';
import { OutboxMagicLinkSender } from '../mail/magic-link-sender';
import { MAGIC_LINK_SENDER, MagicLinkSender } from './magic-link.sender';
import { OrganisersRepositoryModule } from './organisers.repository';

@Module({})
export class AuthModule {
  /**
   * The default magic-link sender queues the mail in the outbox, in the transaction that stores the
   * link (and also logs the link when NODE_ENV is development); `sender` replaces it (a test inbox).
   */
  static forRoot(config: AppConfig, sender?: MagicLinkSender): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [
        // A KeyObject: jsonwebtoken would otherwise try (and fail) to parse the string as a public key on every verify.
        JwtModule.register({
          secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
          signOptions: { expiresIn: config.jwtExpiresInSeconds, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        ClustersRepositoryModule,
        DelegatesRepositoryModule,
        OrganisationsRepositoryModule,
        OrganisersRepositoryModule,
        ...(sender ? [] : [MailModule]),
      ],
      controllers: [AuthController],
      providers: [
        AuthService,
        LoginLimiter,
        DelegateInvitations,
        sender
          ? { provide: MAGIC_LINK_SENDER, useValue: sender }
          : { provide: MAGIC_LINK_SENDER, useExisting: OutboxMagicLinkSender },
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
      exports: [AuthService, DelegateInvitations, LoginLimiter, MAGIC_LINK_SENDER, JwtModule],
    };
  }
}
