import { defineError } from '../../core/errors.ts';

export const createUserNotFoundError = defineError('users.not_found', 404);
export const createEmailTakenError = defineError('users.email_taken', 409);
export const createWeakPasswordError = defineError('users.weak_password', 422);
export const createInvalidCredentialsError = defineError('auth.invalid_credentials', 401);
export const createInvalidCodeError = defineError('auth.invalid_code', 401);
export const createWrongStageError = defineError('auth.wrong_stage', 409);
export const createReauthRequiredError = defineError('auth.reauth_required', 403);
export const createSourceBlockedError = defineError('auth.source_blocked', 429);
export const createSelfChangeError = defineError('users.self_change', 409);
export const createHumanCheckRequiredError = defineError('auth.human_check_required', 428);
export const createLastFactorError = defineError('auth.last_factor', 409);
export const createTokenNotFoundError = defineError('tokens.not_found', 404);
export const createPrivilegedTokenError = defineError('tokens.privileged_role', 422);
