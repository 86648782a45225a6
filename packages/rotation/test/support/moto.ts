/** The repository's one moto harness lives in `@biot-plugin/test-support`, shared with the runtime's tests. */
export * from '@biot-plugin/test-support/moto';
