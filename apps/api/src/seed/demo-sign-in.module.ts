import { Module } from '@nestjs/common';
import { ClustersRepositoryModule } from '../clusters/clusters.repository';
import { DelegatesRepositoryModule } from '../delegates/delegates.repository';
import { EventsRepositoryModule } from '../events/events.repository';
import { DemoSignIn, DevelopmentOnly } from './demo-sign-in';
import { DemoSignInController } from './demo-sign-in.controller';

/** The development sign-in as a demo delegate (issue 16, item 9). AppModule leaves it out in production. */
@Module({
  imports: [EventsRepositoryModule, ClustersRepositoryModule, DelegatesRepositoryModule],
  controllers: [DemoSignInController],
  providers: [DemoSignIn, DevelopmentOnly],
})
export class DemoSignInModule {}
