import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { objectIdField } from './fields.js';

/**
 * Route ids are checked before they reach Mongo: a malformed one is a 400 naming the parameter. A good
 * one goes on in its canonical form (lower-case hex), whatever case the client wrote it in.
 */
export class ObjectIdPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (objectIdField.safeParse(value).success) return value.toLowerCase();
    throw new BadRequestException({
      message: `Invalid ${this.name}`,
      details: [{ field: this.name, problem: 'must be a 24-character hexadecimal id' }],
    });
  }
}
