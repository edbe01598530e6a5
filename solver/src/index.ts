export * from '@clustermatch/domain';
export * from './types';
export { solve } from './solve';
