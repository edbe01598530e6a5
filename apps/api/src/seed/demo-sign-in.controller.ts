import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { TokenResponse } from '../auth/auth.dto';
import { IssuedToken } from '../auth/auth.service';
import { Public } from '../auth/decorators';
import { DemoDelegate, DemoSignIn, DevelopmentOnly } from './demo-sign-in';

export class DemoDelegateResponse implements DemoDelegate {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) role!: string;
  @ApiProperty({ type: String }) clusterName!: string;
  @ApiProperty({ type: String }) eventName!: string;
}

/**
 * Development only (NODE_ENV=development; never loaded in production, 404 in test): the sign-in page lists the demo
 * event's delegates and signs a developer in as one of them with a click.
 */
@ApiTags('auth')
@Public()
@UseGuards(DevelopmentOnly)
@Controller('auth/demo-delegates')
export class DemoSignInController {
  constructor(private readonly demo: DemoSignIn) {}

  @Get()
  @ApiOkResponse({ type: [DemoDelegateResponse] })
  @ApiOperation({ summary: "Development only: the demo event's delegates, to sign in as (404 outside development)" })
  list(): Promise<DemoDelegateResponse[]> {
    return this.demo.list();
  }

  @Post(':delegateId/sign-in')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  @ApiOperation({
    summary: 'Development only: sign in as a delegate of the demo event (404 outside development and for others)',
  })
  signIn(@Param('delegateId') delegateId: string): Promise<IssuedToken> {
    return this.demo.signInAs(delegateId);
  }
}
