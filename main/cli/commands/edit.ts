/**
 * `tonewright edit <input> "<instruction>" [--engine builtin|llama|vision] [--model file.gguf]
 *  [--mmproj mmproj.gguf] [--candidates N] [--edits steps.json] [-o out.jpg] [--overwrite] [--json]`: the retouching
 * agent from the command line. Plans on a 512 px preview (perception → candidates → critic),
 * prints the steps with their reasons, and optionally renders the result at full size.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ParamError } from '../../../shared/develop/params.ts';
import { addTurn, resolve } from '../../../shared/develop/stack.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';
import { readEditsFile } from '../settings.ts';

const usage = `Usage: tonewright edit <input> "<instruction>" [options]

Turns an instruction ("lift the shadows, a bit warmer") into edit steps with the built-in planner
or a local model, checked by the critic on a preview.

Options:
  --engine <builtin|llama|vision>
                            who plans (default builtin; llama needs --model, vision needs
                            --model and --mmproj and sees the photo's preview)
  --model <file.gguf>       a local instruct model (llama) or vision model (vision)
  --mmproj <file.gguf>      the vision model's projector, for --engine vision
  --candidates <N>          candidate plans to render and score (1..8, default 4)
  --edits <steps.json>      start from this edit stack (its steps are the "current" settings)
  -o, --output <out.jpg>    also render the result at full size
  --overwrite               replace an existing output
  --json                    print {steps, reply, critic, seconds} as JSON

Exit status: 0 done, 2 bad input, 1 unexpected failure.
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        engine: { type: 'string', default: 'builtin' },
        model: { type: 'string' },
        mmproj: { type: 'string' },
        candidates: { type: 'string', default: '4' },
        edits: { type: 'string' },
        output: { type: 'string', short: 'o' },
        overwrite: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError(`edit: ${(e as Error).message.split('\n')[0]}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2) throw new UsageError('edit: expected <input> and "<instruction>" (usage: tonewright edit photo.jpg "brighter and warmer")');
  const input = path.resolve(io.cwd, positionals[0]);
  const instruction = positionals[1];
  const candidates = Number(values.candidates);
  if (!Number.isInteger(candidates) || candidates < 1 || candidates > 8) throw new UsageError(`edit: --candidates must be 1..8, got "${values.candidates}"`);
  if (values.engine !== 'builtin' && values.engine !== 'llama' && values.engine !== 'vision') throw new UsageError(`edit: --engine must be builtin, llama or vision, got "${values.engine}"`);
  if (values.engine !== 'builtin' && !values.model) throw new UsageError(`edit: --engine ${values.engine} needs --model <file.gguf>`);
  if (values.engine === 'vision' && !values.mmproj) throw new UsageError('edit: --engine vision needs --mmproj <mmproj.gguf> (the projector that belongs to --model)');
  if (values.engine !== 'vision' && values.mmproj) throw new UsageError('edit: --mmproj is only for --engine vision');
  const output = values.output ? path.resolve(io.cwd, values.output) : undefined;
  if (output && !/\.jpe?g$/i.test(output)) throw new UsageError(`edit: the output must be a .jpg or .jpeg file: ${values.output}`);

  const { checkReadable, decodeImage } = await import('../../imaging/decode.ts');
  const { isImagingError } = await import('../../imaging/errors.ts');
  const t0 = performance.now();
  let preview;
  try {
    await checkReadable(input);
    preview = (await decodeImage(input, { longEdge: 512 })).image;
  } catch (e) {
    if (isImagingError(e)) throw new UsageError(`edit: ${e.message}`);
    throw e;
  }
  let start;
  try {
    start = values.edits ? (await readEditsFile(path.resolve(io.cwd, values.edits))).stack : undefined;
  } catch (e) {
    if (e instanceof ParamError || e instanceof UsageError) throw new UsageError(`edit: ${e.message.split('\n')[0]}`);
    throw e;
  }

  const { runAgentLoop, builtinSource } = await import('../../agent/loop.ts');
  let source = builtinSource;
  let engine: import('../../agent/engine/types.ts').Engine | undefined;
  // The model source resets its notes on each proposal: read them after the loop.
  let modelSource: { notes: string[] } | undefined;
  if (values.engine === 'llama' || values.engine === 'vision') {
    const { ModelPlanSource } = await import('../../agent/llm/model-source.ts');
    let image;
    if (values.engine === 'vision') {
      const { VisionEngine } = await import('../../agent/engine/vision-engine.ts');
      const { previewImagePart } = await import('../../vision/preview-image.ts');
      engine = new VisionEngine({ mmproj: path.resolve(io.cwd, values.mmproj!) });
      image = await previewImagePart(preview as never);
    } else {
      const { LlamaEngine } = await import('../../agent/engine/llama-engine.ts');
      engine = new LlamaEngine({ gpu: 'auto' });
    }
    try {
      await engine.load(path.resolve(io.cwd, values.model!));
      const ms = new ModelPlanSource(engine, { image });
      source = ms;
      modelSource = ms;
    } catch (e) {
      io.stderr(`tonewright: warning: ${(e as Error).message}; the built-in planner answers instead\n`);
    }
  }
  try {
    const current = start ? resolve(start) : undefined;
    const result = await runAgentLoop({ instruction, preview: preview as never, current, source, candidates });
    const steps = result.steps.map((s) => ({ op: s.op, params: s.params, ...(s.mask ? { mask: s.mask } : {}), reason: s.reason }));
    const notes = modelSource?.notes ?? [];
    const reply = notes.length ? `${result.reply}\n(Note: ${notes.join('; ')})` : result.reply;
    if (output && steps.length) {
      const { renderFile } = await import('../../imaging/render-file.ts');
      const base = start ?? { format: 1 as const, steps: [], cursor: 0, marks: [] };
      const stack = addTurn(base, steps.map((s) => ({ op: s.op, params: s.params, mask: s.mask, reason: s.reason })), { source: 'agent' });
      await renderFile({ input, output, settings: resolve(stack), overwrite: values.overwrite === true }).catch((e: unknown) => {
        if (isImagingError(e)) throw new UsageError(`edit: ${(e as Error).message}`);
        throw e;
      });
    }
    const seconds = Math.round(performance.now() - t0) / 1000;
    if (values.json) {
      io.stdout(JSON.stringify({ steps, reply, action: result.action, critic: result.critic && { score: result.critic.score, criteria: result.critic.criteria, summary: result.critic.summary }, seconds }, null, 2) + '\n');
    } else {
      io.stdout(`${reply}\n`);
      for (const s of steps) io.stdout(`  ${s.op} ${JSON.stringify(s.params)}${s.mask ? ' (masked)' : ''} — ${s.reason}\n`);
      if (result.critic) io.stdout(`critic: ${Math.round(result.critic.score * 100)}/100\n`);
      if (output && steps.length) io.stdout(`wrote ${path.relative(io.cwd, output) || output}\n`);
      io.stdout(`${seconds.toFixed(2)} s\n`);
    }
    return 0;
  } finally {
    await engine?.unload();
  }
}

export const command: CliCommand = {
  name: 'edit',
  summary: 'retouch from an instruction: "brighter and warmer" → edit steps (+ -o out.jpg)',
  usage,
  run,
};
