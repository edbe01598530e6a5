import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Issue 11, part 5: impact reports across events, and the yearly performance report. */
@Module({ controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
