import { describe, expect, it } from 'vitest';
import { busyMachineWarning, type MachineInfo } from '../../src/report/machine.js';

const machine = (busyCoresAtStart: number | undefined, loadAtStart = 0, steal = 0): MachineInfo => ({
  cpuModel: 'AMD EPYC',
  cores: 2,
  memoryGiB: 8,
  os: 'Linux',
  node: 'v20.20.2',
  loadAverage: { atStart: loadAtStart, atEnd: 2 },
  busyCoresAtStart,
  stealPercentDuringRun: steal,
});

describe('busyMachineWarning', () => {
  it('warns when other processes kept more than a quarter of the cores busy as the run started', () => {
    expect(busyMachineWarning(machine(1.4))).toMatch(/busy \(1\.4 of 2 cores busy at start\)/);
  });

  it('trusts the cores busy right now over a load average still carrying the last run', () => {
    expect(busyMachineWarning(machine(0.1, 3.2))).toBeUndefined();
  });

  it('falls back to the load average where /proc/stat is missing', () => {
    expect(busyMachineWarning(machine(undefined, 3.2))).toMatch(/load average 3\.2/);
    expect(busyMachineWarning(machine(undefined, 0.4))).toBeUndefined();
  });

  it('warns when the hypervisor took more than 5 % of the CPU during the run', () => {
    expect(busyMachineWarning(machine(0, 0, 7.5))).toMatch(/7\.5 % of the CPU stolen by the host/);
    expect(busyMachineWarning(machine(0, 0, 2))).toBeUndefined();
  });
});
