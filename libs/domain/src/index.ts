export * from './contract';
export * from './parse';
export * from './validate';
export * from './weight';
export * from './agenda';
export * from './schema';
