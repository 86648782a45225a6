/** Function URL (payload 2.0) events as AWS delivers them (BIOT-CONTRACT.md §1.1): the emulator's builder. */
export { functionUrlEvent } from '@biot-plugin/biot-emulator';

export const TRACEPARENT = '00-691d9a7ec2ebb8ad236b56d739c4c17f-ff435abc75711595-00';
export const TRACE_ID = '691d9a7ec2ebb8ad236b56d739c4c17f';
