import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Validates (and where the schema says so, converts) a body, query or param; 400 names each bad field. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const details: FieldProblem[] = parsed.error.issues.map((issue) => ({
      field: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || '(body)',
      problem: issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message,
    }));
    throw new BadRequestException({ message: `Invalid ${details.map((d) => d.field).join(', ')}`, details });
  }
}
