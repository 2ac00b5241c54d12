// Progress bars for long work: drawn on stderr when it is a TTY, silent when CI=true or when
// output is piped, so logs and CI stay clean.

import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, label?: string): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

export interface ProgressEnv {
  readonly isTTY: boolean;
  readonly ci: string | undefined;
}

/** Whether bars should be drawn: a terminal, and not CI. */
export function progressEnabled(env: ProgressEnv = { isTTY: process.stderr.isTTY === true, ci: process.env['CI'] }): boolean {
  const ci = env.ci !== undefined && env.ci !== '' && env.ci !== '0' && env.ci.toLowerCase() !== 'false';
  return env.isTTY && !ci;
}

export function createProgress(title: string, total: number, enabled = progressEnabled()): Progress {
  if (!enabled || total <= 0) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      format: `${title} [{bar}] {percentage}% | {value}/{total} | {label}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    update: (done, label = '') => bar.update(done, { label }),
    stop: () => bar.stop(),
  };
}
