/**
 * Knowledge base and case library (知识库 / 案例库): articles and their scopes, who sees which,
 * versions, the ranking of intake suggestions, and the anonymiser that turns a resolved case
 * into a training example. Pure: the search and the storage are the wiring's.
 */
export * from './anonymise';
export * from './articles';
export * from './ranking';
export * from './versions';
