// The `vigie` command: parses arguments and hands them to the application; nothing else lives here.
import { runCli } from '../app/cli.ts';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  progressStream: process.stderr.isTTY ? process.stderr : undefined,
});
process.exitCode = code;
