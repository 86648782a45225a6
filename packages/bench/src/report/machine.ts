import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';

/** Where the figures came from: timings only compare between machines of one kind. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1-minute load average at the start and at the end (the end includes the run's own work). */
  loadAverage: { atStart: number; atEnd: number };
  /** Cores kept busy by other processes just before the run started (Linux only). */
  busyCoresAtStart: number | undefined;
  /**
   * Share of CPU time the hypervisor gave to other guests during the run (`steal` in /proc/stat,
   * Linux VMs only): time the measured code waited for a CPU it thought it had.
   */
  stealPercentDuringRun: number | undefined;
}

/** What is known before the run starts; `machineInfo` completes it at the end. */
export interface StartConditions {
  loadAverage: number;
  busyCores: number | undefined;
  cpu: CpuTimes | undefined;
}

interface CpuTimes {
  idle: number;
  steal: number;
  total: number;
}

/**
 * Looks at the machine for half a second before any work: how many cores other processes keep
 * busy (from /proc/stat), and the load average, which still carries the last minute's work.
 */
export async function startConditions(sampleMs = 500): Promise<StartConditions> {
  const loadAverage = loadavg()[0] ?? 0;
  const before = await cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const after = await cpuTimes();
  if (before === undefined || after === undefined || after.total <= before.total) {
    return { loadAverage, busyCores: undefined, cpu: after };
  }
  const busyShare = 1 - (after.idle - before.idle) / (after.total - before.total);
  return { loadAverage, busyCores: round(busyShare * availableParallelism()), cpu: after };
}

export async function machineInfo(start: StartConditions): Promise<MachineInfo> {
  const end = await cpuTimes();
  const stolen =
    start.cpu !== undefined && end !== undefined && end.total > start.cpu.total
      ? round(((end.steal - start.cpu.steal) / (end.total - start.cpu.total)) * 100)
      : undefined;
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()} ${process.arch}`,
    node: process.version,
    loadAverage: { atStart: round(start.loadAverage), atEnd: round(loadavg()[0] ?? 0) },
    busyCoresAtStart: start.busyCores,
    stealPercentDuringRun: stolen,
  };
}

/** Above this share of stolen CPU, the host's other guests are part of every timing. */
const STEAL_WARNING_PERCENT = 5;

/**
 * Warnings when the figures say as much about the neighbours as about the code: other processes
 * busy as the run started (more than a quarter of the cores; the load average where /proc/stat
 * is missing), or the hypervisor taking CPU time from this VM during the run.
 */
export function busyMachineWarning(machine: MachineInfo): string | undefined {
  const { busyCoresAtStart: busy, cores, stealPercentDuringRun: steal } = machine;
  const { atStart } = machine.loadAverage;
  const reasons: string[] = [];
  if (busy !== undefined ? busy > cores / 4 : atStart > cores / 2) {
    reasons.push(
      busy !== undefined
        ? `${busy} of ${cores} cores busy at start`
        : `1-min load average ${atStart} at start`,
    );
  }
  if (steal !== undefined && steal > STEAL_WARNING_PERCENT)
    reasons.push(`${steal} % of the CPU stolen by the host`);
  if (reasons.length === 0) return undefined;
  return `warning: the machine was busy (${reasons.join('; ')}); timings are unreliable, run again on a quiet machine`;
}

export function describeMachine(machine: MachineInfo): string {
  const busy =
    machine.busyCoresAtStart === undefined ? '' : `, ${machine.busyCoresAtStart} cores busy at start`;
  return `${machine.cores} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}${busy}`;
}

async function cpuTimes(): Promise<CpuTimes | undefined> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: idle time is idle + iowait.
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), steal: fields[7] ?? 0, total };
  } catch {
    return undefined;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
