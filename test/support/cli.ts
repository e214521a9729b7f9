import { runCli } from '../../src/app/cli.ts';

/** Runs one `vigie` invocation in process with this environment; answers its exit code and what it printed. */
export async function vigieWith(env: NodeJS.ProcessEnv, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    env,
  });
  return { code, stdout, stderr };
}
