/** E-prescription messages (issue 16): events, builders, readers and sample content shared by the switch, suites and reference clients. */
export * from './builders.js';
export * from './events.js';
export * from './read.js';
export * from './samples.js';
