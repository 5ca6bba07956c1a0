export * from './access/roles';
export * from './access/scope';
export * from './errors';
export * from './ids';
export * from './password';
export * from './privacy';
export * from './time';
export * as cases from './cases/index';
export * as sla from './sla/index';
