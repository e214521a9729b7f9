// The inventory's words: the values its enumerated fields take. Kept apart from the tables, so that the web app
// reads them without the query builder.

export const assetCategories = [
  'workstation',
  'server',
  'biomedical',
  'building_automation',
  'network',
  'mobile',
  'other',
] as const;
export type AssetCategory = (typeof assetCategories)[number];

/** `discovered`: seen by a scan, not yet qualified by a person (it fails MSSS-1.1 until it is). */
export const assetStatuses = ['discovered', 'in_service', 'retired'] as const;
export type AssetStatus = (typeof assetStatuses)[number];

export const criticalities = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof criticalities)[number];

export const hostings = ['on_premises', 'third_party'] as const;
export type Hosting = (typeof hostings)[number];
