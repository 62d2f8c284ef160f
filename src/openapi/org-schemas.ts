import { API_KEY_SCOPES } from '../api-keys/api-key-scopes.js';
import { AUDIT_ACTIONS } from '../audit/audit-entry.schema.js';
import { ROLES } from '../orgs/roles.js';
import {
  arrayOf,
  booleanSchema,
  dateTimeSchema,
  enumOf,
  idSchema,
  listOf,
  nullable,
  objectOf,
  pageOf,
  stringSchema,
} from './schema-builders.js';

const roleSchema = enumOf(ROLES);

export const organizationSchema = objectOf(
  {
    id: idSchema,
    name: stringSchema,
    personal: booleanSchema,
    role: { ...roleSchema, description: "The caller's role; absent for API keys" },
    createdAt: dateTimeSchema,
  },
  ['role'],
);
export const organizationsSchema = listOf(organizationSchema);

export const memberSchema = objectOf({
  userId: idSchema,
  email: stringSchema,
  name: stringSchema,
  role: roleSchema,
  joinedAt: dateTimeSchema,
});
export const membersSchema = listOf(memberSchema);

const apiKeyProperties = {
  id: idSchema,
  name: stringSchema,
  scopes: arrayOf(enumOf(API_KEY_SCOPES)),
  prefix: { type: 'string', description: 'The start of the key, to recognise it by' },
  createdAt: dateTimeSchema,
  lastUsedAt: nullable(dateTimeSchema),
  revokedAt: nullable(dateTimeSchema),
};
export const apiKeysSchema = listOf(objectOf(apiKeyProperties));
export const createdApiKeySchema = objectOf({
  ...apiKeyProperties,
  key: { type: 'string', description: 'The key itself (np_live_…), shown this once' },
});

export const invitationSchema = objectOf({
  id: idSchema,
  email: stringSchema,
  role: roleSchema,
  status: enumOf(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: dateTimeSchema,
  createdAt: dateTimeSchema,
});
export const invitationsSchema = listOf(invitationSchema);

export const acceptedInvitationSchema = objectOf({
  organization: objectOf({ id: idSchema, name: stringSchema }),
  role: roleSchema,
  user: objectOf({ id: idSchema, email: stringSchema, name: stringSchema }),
});

export const auditLogPageSchema = pageOf(
  objectOf({
    id: idSchema,
    action: enumOf(AUDIT_ACTIONS),
    actorType: enumOf(['user', 'apiKey']),
    actorId: { type: 'string', description: 'A user id, or an API key id when actorType is apiKey' },
    target: { ...nullable(stringSchema), description: 'What the action was done to, e.g. user:<id>' },
    ip: nullable(stringSchema),
    at: dateTimeSchema,
  }),
);
