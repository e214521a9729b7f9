import { createForbiddenError } from '../errors.ts';
import { type Permission, type Role, roleCan } from './permissions.ts';

// Who is acting. Every service call takes one: it decides what may be done and is written to the journal.
export type UserActor = {
  kind: 'user';
  userId: string;
  email: string;
  role: Role;
  orgId: string;
  /** The actor's organization and all its descendants: the only rows it may see. */
  orgIds: readonly string[];
  /** The actor's organization is the top of a tree: it also sees rows tied to no organization. */
  rootOrg: boolean;
  ip?: string | undefined;
};
/** An integration calling with an API token: a role and an organization, no person, no MFA. */
export type TokenActor = {
  kind: 'token';
  tokenId: string;
  name: string;
  role: Role;
  orgId: string;
  orgIds: readonly string[];
  rootOrg: boolean;
  ip?: string | undefined;
};
export type SystemActor = { kind: 'system'; label: string };
export type CliActor = { kind: 'cli'; label: string };
export type Actor = UserActor | TokenActor | SystemActor | CliActor;
/** Actors bound to a role and an organization's subtree (people and integrations). */
export type ScopedActor = UserActor | TokenActor;

export function isScoped(actor: { kind: string }): actor is ScopedActor {
  return actor.kind === 'user' || actor.kind === 'token';
}

export const systemActor: SystemActor = { kind: 'system', label: 'system' };
export const cliActor: CliActor = { kind: 'cli', label: 'cli' };

/** The CLI and the system act for the operator of the machine, who already holds the data folder. */
export function can(actor: Actor, permission: Permission): boolean {
  return !isScoped(actor) || roleCan(actor.role, permission);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw createForbiddenError({ permission });
}

/** Undefined means every organization (system and CLI). */
export function orgScope(actor: Actor): readonly string[] | undefined {
  return isScoped(actor) ? actor.orgIds : undefined;
}

export function assertOrgInScope(actor: Actor, orgId: string): void {
  if (!sees(actor, orgId)) throw createForbiddenError({ permission: 'org' });
}

/** Whether the actor may see the rows of this organization. */
export function sees(actor: Actor, orgId: string): boolean {
  const scope = orgScope(actor);
  return !scope || scope.includes(orgId);
}

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return actor.email;
  if (actor.kind === 'token') return `token:${actor.name}`;
  return actor.label;
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
