export * from './types';
export * from './events';
export * from './steps';
export * from './main-line';
export * from './machine';
