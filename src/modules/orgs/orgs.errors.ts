import { defineError } from '../../core/errors.ts';

export const createOrgNotFoundError = defineError('orgs.not_found', 404);
export const createOrgNameTakenError = defineError('orgs.name_taken', 409);
export const createOrgInvalidNestingError = defineError('orgs.invalid_nesting', 422);
