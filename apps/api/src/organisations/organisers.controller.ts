import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, OrganiserPrincipal, OrganiserRoles, Roles } from '../auth/decorators';
import { OrganiserResponse, OrganiserRoleDto } from './organisers.dto';
import { OrganisersService } from './organisers.service';

@ApiTags('organisers')
@ApiBearerAuth()
@Roles('organiser')
@Controller('organisers')
export class OrganisersController {
  constructor(private readonly organisers: OrganisersService) {}

  @Get()
  @ApiOperation({ summary: "The organisers of the asker's organisation, with their roles (every role may read)" })
  @ApiOkResponse({ type: [OrganiserResponse] })
  list(@CurrentPrincipal() p: OrganiserPrincipal): Promise<OrganiserResponse[]> {
    return this.organisers.list(p);
  }

  @Patch(':organiserId')
  @OrganiserRoles('owner')
  @ApiOperation({
    summary: "Owners: change an organiser's role (409 for the organisation's last owner); their tokens stop working",
  })
  @ApiOkResponse({ type: OrganiserResponse })
  setRole(
    @Param('organiserId') id: string,
    @Body() dto: OrganiserRoleDto,
    @CurrentPrincipal() p: OrganiserPrincipal,
  ): Promise<OrganiserResponse> {
    return this.organisers.setRole(p, id, dto.role);
  }

  @Delete(':organiserId')
  @OrganiserRoles('owner')
  @HttpCode(204)
  @ApiOperation({ summary: 'Owners: remove an organiser (409 for the last owner); they are signed out at once' })
  @ApiNoContentResponse({ description: 'Removed' })
  remove(@Param('organiserId') id: string, @CurrentPrincipal() p: OrganiserPrincipal): Promise<void> {
    return this.organisers.remove(p, id);
  }
}
