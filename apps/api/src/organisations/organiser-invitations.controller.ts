import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { TokenResponse } from '../auth/auth.dto';
import type { IssuedToken } from '../auth/auth.service';
import { CurrentPrincipal, OrganiserPrincipal, OrganiserRoles, Public, Roles } from '../auth/decorators';
import { LoginLimiter } from '../auth/login-limiter';
import { ErrorResponse } from '../common/dto/common-responses.dto';
import {
  AcceptOrganiserInvitationDto,
  InvitationTokenDto,
  InviteOrganiserDto,
  OrganiserInvitationPreviewResponse,
  OrganiserInvitationResponse,
} from './organiser-invitations.dto';
import { OrganiserInvitationsService } from './organiser-invitations.service';

/** Owners invite organisers by mail, list the pending invitations, resend and revoke them (issue 9). */
@ApiTags('organisers')
@ApiBearerAuth()
@Roles('organiser')
@OrganiserRoles('owner')
@Controller('organisers/invitations')
export class OrganiserInvitationsController {
  constructor(private readonly invitations: OrganiserInvitationsService) {}

  @Get()
  @ApiOperation({ summary: "Owners: the organisation's pending invitations (expired ones marked)" })
  @ApiOkResponse({ type: [OrganiserInvitationResponse] })
  list(@CurrentPrincipal() p: OrganiserPrincipal): Promise<OrganiserInvitationResponse[]> {
    return this.invitations.list(p);
  }

  @Post()
  @ApiOperation({
    summary:
      'Owners: invite an organiser by mail (a single-use link, valid INVITATION_TTL, to set a password); 409 naming email when the address has an organiser account',
  })
  @ApiCreatedResponse({ type: OrganiserInvitationResponse })
  @ApiConflictResponse({ type: ErrorResponse })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'Too many links to this address lately' })
  invite(
    @Body() dto: InviteOrganiserDto,
    @CurrentPrincipal() p: OrganiserPrincipal,
  ): Promise<OrganiserInvitationResponse> {
    return this.invitations.invite(p, dto);
  }

  @Post(':invitationId/resend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Owners: mail a pending invitation again with a new link (the old link stops working)' })
  @ApiOkResponse({ type: OrganiserInvitationResponse })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'Too many links to this address lately' })
  resend(
    @Param('invitationId') id: string,
    @CurrentPrincipal() p: OrganiserPrincipal,
  ): Promise<OrganiserInvitationResponse> {
    return this.invitations.resend(p, id);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: "Owners: revoke an invitation (its link stops working); 409 once it's accepted" })
  @ApiNoContentResponse({ description: 'Revoked' })
  revoke(@Param('invitationId') id: string, @CurrentPrincipal() p: OrganiserPrincipal): Promise<void> {
    return this.invitations.revoke(p, id);
  }
}

/** The invitee's side: no account yet, so public; the token in the body is the proof (rate limited per client). */
@ApiTags('auth')
@Public()
@Controller('organiser-invitations')
export class OrganiserInvitationLinksController {
  constructor(
    private readonly invitations: OrganiserInvitationsService,
    private readonly limiter: LoginLimiter,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Who an invitation link invites (401 when invalid, used, revoked or expired)' })
  @ApiOkResponse({ type: OrganiserInvitationPreviewResponse })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'Too many attempts; Retry-After gives the seconds' })
  async preview(@Body() dto: InvitationTokenDto, @Ip() ip: string): Promise<OrganiserInvitationPreviewResponse> {
    await this.limiter.attempt(ip);
    return this.invitations.preview(dto.token);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set a password with an invitation link (it works once): creates the organiser and returns a JWT',
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'Too many attempts; Retry-After gives the seconds' })
  async accept(@Body() dto: AcceptOrganiserInvitationDto, @Ip() ip: string): Promise<IssuedToken> {
    await this.limiter.attempt(ip);
    return this.invitations.accept(dto);
  }
}
