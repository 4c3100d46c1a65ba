// What the rule modules' unit specs take from '#shared' under mutation testing: the event contracts
// and the topology, without the framework half of the barrel (Nest, TypeORM, the broker), which
// would cost each of the hundreds of mutant runs seconds of loading (stryker.jest.config.js).
// A path into the library on purpose: '#shared' is what this file stands in for under mutation.
// eslint-disable-next-line @nx/enforce-module-boundaries
export * from '../../../../libs/shared/src/contracts/index.js';
// eslint-disable-next-line @nx/enforce-module-boundaries
export * from '../../../../libs/shared/src/messaging/topology.js';
