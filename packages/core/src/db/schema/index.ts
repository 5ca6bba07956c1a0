export * from './audits';
export * from './cases';
export * from './events';
export * from './org';
export * from './platform';
export * from './sla';
export * from './staff';
export * from './star';
