export * from '@clustermatch/domain';
export * from './types';
export { solve } from './solve';
export { checkGenerateParams, generateInstance, generateProblem } from './generate';
export type { GenerateParams, GeneratedInstance } from './generate';
export { Rng } from './rng';
