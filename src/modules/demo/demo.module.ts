import type { OrgsService } from '../orgs/orgs.service.ts';
import type { UsersService } from '../users/users.service.ts';
import { registerDemoCommands } from './demo.commands.ts';
import { createDemoService } from './demo.service.ts';

export function createDemoModule(deps: { orgs: OrgsService; users: UsersService }) {
  return { service: createDemoService(deps) };
}

export const demoCommands = registerDemoCommands;
