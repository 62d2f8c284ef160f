import { generate } from 'otplib';

/** A TOTP code made by otplib (an independent implementation), `steps` 30-second steps from now. */
export const codeAt = (secret: string, steps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
