import { defineError } from '../../core/errors.ts';

export const createAssetNotFoundError = defineError('assets.not_found', 404);
export const createAssetNameTakenError = defineError('assets.name_taken', 409);
export const createAssetRetiredError = defineError('assets.retired', 409);
export const createCriticalAssetNotFoundError = defineError('assets.critical_asset_not_found', 404);
