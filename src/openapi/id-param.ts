import { ApiParam } from '@nestjs/swagger';
import { idSchema } from './schema-builders.js';

/** A path id checked by ObjectIdPipe: a malformed one is a 400 naming the parameter. */
export const ApiIdParam = (name: string, description: string) => ApiParam({ name, description, schema: idSchema });
