import { idSchema, objectOf } from '../../openapi/schema-builders.js';

export const publishedSchema = objectOf({ id: idSchema, duplicate: { type: 'boolean' } });
