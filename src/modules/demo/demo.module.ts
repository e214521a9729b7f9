import { registerDemoCommands } from './demo.commands.ts';
import { createDemoService } from './demo.service.ts';

export function createDemoModule(deps: Parameters<typeof createDemoService>[0]) {
  return { service: createDemoService(deps) };
}

export const demoCommands = registerDemoCommands;
export { demoMessages } from './demo.messages.ts';
