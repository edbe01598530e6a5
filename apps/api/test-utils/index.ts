export * from './start-test-app';
export * from './builders';
export * from './outbox-down';
export * from './junk';
export * from './schedule';
export * from './service-process';
export * from './random';
