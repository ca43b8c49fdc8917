import { describe, expect, it } from 'vitest';
import { isExportCsvRequest, isExportCsvResult } from '../../../src/protocol/rendererMessages';

describe('renderer messages: the guards each end applies to what it receives', () => {
  it('accepts a complete export request and rejects one with a missing or mistyped field', () => {
    const request = { type: 'softness.exportCsv', requestId: 3, title: 'q(t)', csv: 't,q\r\n' };
    expect(isExportCsvRequest(request)).toBe(true);
    for (const key of ['type', 'requestId', 'title', 'csv']) {
      expect(isExportCsvRequest({ ...request, [key]: undefined }), key).toBe(false);
      expect(isExportCsvRequest({ ...request, [key]: key === 'requestId' ? '3' : 4 }), key).toBe(false);
    }
    expect(isExportCsvRequest(null)).toBe(false);
    expect(isExportCsvRequest('softness.exportCsv')).toBe(false);
  });

  it('accepts each outcome only with the field it carries', () => {
    const result = { type: 'softness.exportCsvResult', requestId: 3 };
    expect(isExportCsvResult({ ...result, outcome: 'saved', path: '/data/q.csv' })).toBe(true);
    expect(isExportCsvResult({ ...result, outcome: 'saved' })).toBe(false);
    expect(isExportCsvResult({ ...result, outcome: 'failed', error: 'disk full' })).toBe(true);
    expect(isExportCsvResult({ ...result, outcome: 'failed' })).toBe(false);
    expect(isExportCsvResult({ ...result, outcome: 'cancelled' })).toBe(true);
    expect(isExportCsvResult({ ...result, outcome: 'done' })).toBe(false);
    expect(isExportCsvResult({ type: 'softness.exportCsvResult', outcome: 'cancelled' })).toBe(false);
    expect(isExportCsvResult({ ...result, type: 'softness.exportCsv', outcome: 'cancelled' })).toBe(false);
  });
});
