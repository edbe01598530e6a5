import { Module } from '@nestjs/common';
import { OrganisersRepositoryModule } from '../auth/organisers.repository';
import { MailModule } from '../mail/mail.module';
import { OrganisationsRepositoryModule } from './organisations.repository';
import { OrganiserInvitationLinksController, OrganiserInvitationsController } from './organiser-invitations.controller';
import { OrganiserInvitationsService } from './organiser-invitations.service';
import { OrganisersController } from './organisers.controller';
import { OrganisersService } from './organisers.service';

/** Issue 9: an organisation's organisers and their roles, and the owners' invitations by mail. */
@Module({
  imports: [MailModule, OrganisersRepositoryModule, OrganisationsRepositoryModule],
  controllers: [OrganiserInvitationsController, OrganiserInvitationLinksController, OrganisersController],
  providers: [OrganisersService, OrganiserInvitationsService],
})
export class OrganisationsModule {}
