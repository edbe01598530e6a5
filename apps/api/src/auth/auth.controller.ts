import { Body, Controller, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { AuthService, IssuedToken } from './auth.service';
import { LoginLimiter } from './login-limiter';
import { LoginDto, MagicLinkRequestDto, MagicLinkVerifyDto, TokenResponse, UpdateOrganiserMeDto } from './auth.dto';
import { CurrentPrincipal, OrganiserPrincipal, Principal, Public, Roles, ViewerMayCall } from './decorators';
import { ErrorResponse, MessageResponse } from '../common/dto/common-responses.dto';
import { DelegateMeResponse, MeResponse, OrganiserMeResponse } from './dto/auth-responses.dto';

@ApiTags('auth')
@ApiExtraModels(OrganiserMeResponse, DelegateMeResponse)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limiter: LoginLimiter,
  ) {}

  /** Organiser login with e-mail and password (limited per account and client, and per client). */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'Too many attempts; Retry-After gives the seconds' })
  @ApiOperation({ summary: 'Organiser login with e-mail and password (rate limited); returns a JWT' })
  async login(@Body() dto: LoginDto, @Ip() ip: string): Promise<IssuedToken> {
    await this.limiter.passwordAttempt(ip, dto.email);
    const token = await this.auth.loginOrganiser(dto.email, dto.password);
    await this.limiter.succeeded(ip, dto.email);
    return token;
  }

  /** Sends a delegate a single-use login link (rate limited; same answer for unknown e-mails). */
  @Public()
  @Post('magic-link')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MessageResponse })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'Too many attempts; Retry-After gives the seconds' })
  @ApiOperation({ summary: 'Send a delegate a single-use login link (rate limited; same answer for unknown e-mails)' })
  async magicLink(@Body() dto: MagicLinkRequestDto, @Ip() ip: string): Promise<MessageResponse> {
    await this.limiter.attempt(ip);
    await this.auth.requestMagicLink(dto.email);
    return { message: 'If this e-mail belongs to a delegate, a login link is on its way.' };
  }

  /** Exchanges the token of a magic link for an access token (rate limited). */
  @Public()
  @Post('magic-link/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'Too many attempts; Retry-After gives the seconds' })
  @ApiOperation({ summary: 'Exchange a magic-link token for a JWT (single use, rate limited)' })
  async verify(@Body() dto: MagicLinkVerifyDto, @Ip() ip: string): Promise<IssuedToken> {
    await this.limiter.attempt(ip);
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

  /** The signed-in organiser changes their own settings (any role, viewers too: it is their own account). */
  @ApiBearerAuth()
  @Patch('me')
  @Roles('organiser')
  @ViewerMayCall()
  @ApiOperation({ summary: "Organisers: change one's own settings (language); answers GET /auth/me as it is now" })
  @ApiOkResponse({ type: OrganiserMeResponse })
  updateMe(@CurrentPrincipal() p: OrganiserPrincipal, @Body() dto: UpdateOrganiserMeDto): Promise<MeResponse> {
    return this.auth.updateOrganiserMe(p, dto);
  }
}
