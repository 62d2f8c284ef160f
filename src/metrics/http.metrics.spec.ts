import { UNMATCHED_ROUTE } from '../common/http/request-hooks.js';
import { httpLabels } from './http.metrics.js';

describe('httpLabels', () => {
  it('labels with the route template, never the URL that matched it', () => {
    expect(httpLabels({ method: 'GET', routeOptions: { url: '/api/v1/webhooks/:id' } }, 200)).toEqual({
      method: 'GET',
      route: '/api/v1/webhooks/:id',
      status_code: '200',
    });
  });

  it('puts every request no route matched under one fixed label', () => {
    expect(httpLabels({ method: 'GET', routeOptions: {} }, 404).route).toBe(UNMATCHED_ROUTE);
  });

  it('keeps methods to a known set, so made-up methods cannot add series', () => {
    expect(httpLabels({ method: 'PROPFIND', routeOptions: {} }, 404).method).toBe('OTHER');
    expect(httpLabels({ method: 'DELETE', routeOptions: { url: '/x' } }, 204).method).toBe('DELETE');
  });
});
