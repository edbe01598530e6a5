import { Module } from '@nestjs/common';
import { OrganisersController } from './organisers.controller';
import { OrganisersService } from './organisers.service';

/** Issue 9: an organisation's organisers and their roles. */
@Module({ controllers: [OrganisersController], providers: [OrganisersService] })
export class OrganisationsModule {}
