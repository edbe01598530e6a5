import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthService, IssuedToken } from './auth.service';
import { LoginDto, MagicLinkRequestDto, MagicLinkVerifyDto, TokenResponse } from './auth.dto';
import { CurrentPrincipal, Principal, Public } from './decorators';
import { MessageResponse } from '../common/dto/common-responses.dto';
import { DelegateMeResponse, MeResponse, OrganiserMeResponse } from './dto/auth-responses.dto';

@ApiTags('auth')
@ApiExtraModels(OrganiserMeResponse, DelegateMeResponse)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Organiser login with e-mail and password (rate limited). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  @ApiOperation({ summary: 'Organiser login with e-mail and password (rate limited); returns a JWT' })
  login(@Body() dto: LoginDto): Promise<IssuedToken> {
    return this.auth.loginOrganiser(dto.email, dto.password);
  }

  /** Sends a delegate a single-use login link (rate limited; same answer for unknown e-mails). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('magic-link')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MessageResponse })
  @ApiOperation({ summary: 'Send a delegate a single-use login link (rate limited; same answer for unknown e-mails)' })
  async magicLink(@Body() dto: MagicLinkRequestDto): Promise<MessageResponse> {
    await this.auth.requestMagicLink(dto.email);
    return { message: 'If this e-mail belongs to a delegate, a login link is on its way.' };
  }

  /** Exchanges the token of a magic link for an access token (rate limited). */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('magic-link/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  @ApiOperation({ summary: 'Exchange a magic-link token for a JWT (single use, rate limited)' })
  verify(@Body() dto: MagicLinkVerifyDto): Promise<IssuedToken> {
    return this.auth.verifyMagicLink(dto.token);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'Who am I (organiser or delegate)' })
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(OrganiserMeResponse) }, { $ref: getSchemaPath(DelegateMeResponse) }],
      discriminator: {
        propertyName: 'kind',
        mapping: { organiser: getSchemaPath(OrganiserMeResponse), delegate: getSchemaPath(DelegateMeResponse) },
      },
    },
  })
  me(@CurrentPrincipal() p: Principal): Promise<MeResponse> {
    return this.auth.me(p);
  }
}
