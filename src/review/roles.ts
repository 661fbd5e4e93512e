// Roles of API keys, in increasing order of power: a key may do what every lower role may do.
export const ROLES = ['viewer', 'analyst', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const roleRank = (role: Role): number => ROLES.indexOf(role);

/** True when `have` is at least `need`. */
export const roleAllows = (have: Role, need: Role): boolean => roleRank(have) >= roleRank(need);

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Who did something: a key, the public (reports, appeals) or the server itself (sync, timeouts, deliveries). */
export interface Actor {
  id: string;
  name: string;
  role: Role | 'public' | 'system';
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system', role: 'system' };
export const PUBLIC_ACTOR: Actor = { id: 'public', name: 'public', role: 'public' };
/** Whoever runs the `marsad` CLI on the server machine: it has the database, hence every power. */
export const CLI_ACTOR: Actor = { id: 'cli', name: 'cli', role: 'system' };
