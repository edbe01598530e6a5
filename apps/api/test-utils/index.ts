export * from './start-test-app';
export * from './builders';
