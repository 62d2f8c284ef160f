import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/** Validates one path parameter with a schema; a 400 names the parameter. */
export class ParamPipe<S extends z.ZodType> implements PipeTransform<string, z.infer<S>> {
  constructor(
    private readonly name: string,
    private readonly schema: S,
  ) {}

  transform(value: string): z.infer<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const problem = parsed.error.issues[0]?.message ?? 'is invalid';
    throw new BadRequestException({ message: `Invalid ${this.name}`, details: [{ field: this.name, problem }] });
  }
}
