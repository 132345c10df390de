/**
 * `tonewright params [--json]`: every develop parameter — the names `--set op.param=value` takes,
 * with range, default, step, unit and the one-line description the model reads.
 */
import { parseArgs } from 'node:util';
import { listParams } from '../../../shared/develop/params.ts';
import type { ParamInfo } from '../../../shared/develop/params.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: tonewright params [--json]

Lists every develop parameter: the op.param names that \`tonewright render --set\` takes, with
range, default, step and unit.

Options:
  --json   one JSON array of {op, param, label, group, min, max, default, step, unit, description}
`;

export const command: CliCommand = {
  name: 'params',
  summary: 'list the develop parameters (--json for machines)',
  usage,
  async run(argv, io) {
    let json = false;
    try {
      const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: false });
      json = values.json === true;
    } catch (e) {
      throw new UsageError(`params: ${(e as Error).message}`);
    }
    const params = listParams();
    if (json) {
      const rows = params.map((p) => ({
        op: p.op,
        param: p.param,
        label: p.label,
        group: p.group,
        min: p.min,
        max: p.max,
        default: p.default,
        step: p.step,
        unit: p.unit,
        description: p.description,
      }));
      io.stdout(JSON.stringify(rows, null, 2) + '\n');
    } else io.stdout(table(params));
    return 0;
  },
};

function fmt(v: ParamInfo['default']): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v.map(([x, y]) => `${x},${y}`).join(';');
}

function table(params: ParamInfo[]): string {
  const rows = params.map((p) => [
    `${p.op}.${p.param}`,
    p.kind === 'boolean' ? 'true|false' : p.kind === 'curve' ? 'curve' : `${p.min}..${p.max}`,
    fmt(p.default),
    p.step === null ? '' : String(p.step),
    p.unit,
    p.description,
  ]);
  const head = ['parameter', 'range', 'default', 'step', 'unit', 'description'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.slice().map((r) => (i === 5 ? 0 : r[i].length))));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(head), line(widths.map((w, i) => (i === 5 ? '-----------' : '-'.repeat(w))))];
  let group = '';
  for (const [i, r] of rows.entries()) {
    if (params[i].group !== group) {
      group = params[i].group;
      if (i > 0) out.push('');
    }
    out.push(line(r));
  }
  return out.join('\n') + '\n';
}
