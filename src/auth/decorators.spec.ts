import { REQUIRED_SCOPE, Scope } from './decorators.js';

class Routes {
  @Scope('webhooks:read')
  read(this: void) {}

  // @ts-expect-error a scope that does not exist does not compile (npm run typecheck fails without this line's error)
  @Scope('webhook:read')
  typo() {}
}

describe('@Scope', () => {
  it("records the route's scope for the auth guard", () => {
    expect(Reflect.getMetadata(REQUIRED_SCOPE, Routes.prototype.read)).toBe('webhooks:read');
  });
});
