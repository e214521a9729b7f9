// Least privilege for Vigie's own roles (directive obligation 7): one table, read by services and by the HTTP layer.
export const roles = [
  'admin',
  'security_officer',
  'it_operator',
  'biomedical_engineer',
  'auditor',
  'manager',
  'employee',
] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'orgs.read',
  'orgs.manage',
  'people.manage',
  'users.read',
  'users.manage',
  'audit.read',
  'tokens.manage',
  'assets.read',
  'assets.manage',
  'compliance.read',
  'compliance.evaluate',
  'compliance.attest',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: [
    'orgs.read',
    'orgs.manage',
    'people.manage',
    'users.read',
    'users.manage',
    'audit.read',
    'tokens.manage',
    'assets.read',
    'assets.manage',
    'compliance.read',
    'compliance.evaluate',
    'compliance.attest',
  ],
  security_officer: [
    'orgs.read',
    'people.manage',
    'users.read',
    'audit.read',
    'assets.read',
    'assets.manage',
    'compliance.read',
    'compliance.evaluate',
    'compliance.attest',
  ],
  // Those who run the equipment keep its inventory; declaring compliance stays with the security officer.
  it_operator: ['orgs.read', 'assets.read', 'assets.manage', 'compliance.read'],
  biomedical_engineer: ['orgs.read', 'assets.read', 'assets.manage', 'compliance.read'],
  auditor: ['orgs.read', 'users.read', 'audit.read', 'assets.read', 'compliance.read'],
  manager: ['orgs.read', 'users.read', 'assets.read', 'compliance.read'],
  employee: ['orgs.read'],
};

// Permissions that change who can do what or how Vigie is secured: holding one makes MFA mandatory.
const securitySettingPermissions: readonly Permission[] = [
  'orgs.manage',
  'users.manage',
  'people.manage',
  'tokens.manage',
];

export function roleCan(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

export function roleRequiresMfa(role: Role): boolean {
  return (
    role === 'admin' ||
    role === 'security_officer' ||
    securitySettingPermissions.some((p) => roleCan(role, p))
  );
}
