export * from './org';
export * from './platform';
export * from './staff';
export * from './cases';
export * from './sla';
export * from './star';
export * from './audits';
export * from './events';
