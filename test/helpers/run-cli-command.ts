export {};
/**
 * Runs one CLI command module directly (`node --import tsx test/helpers/run-cli-command.ts import …`),
 * so tests can spawn a real process for a command whether or not the dispatcher lists it yet.
 */
const [commandName, ...args] = process.argv.slice(2);
const { command } = (await import(`../../main/cli/commands/${commandName}.ts`)) as typeof import('../../main/cli/commands/import.ts');
try {
  process.exitCode = await command.run(args, { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t), cwd: process.cwd() });
} catch (e) {
  process.stderr.write(`tonewright: ${(e as Error).message}\n`);
  process.exitCode = (e as { exitCode?: number }).exitCode ?? 1;
}
