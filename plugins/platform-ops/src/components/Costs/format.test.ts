import { dataAge, money, periodLabel, serviceLabel, shortDay } from './format';

describe('cost formatting', () => {
  it('puts the currency before grouped amounts', () => {
    expect(money(1234.5, 'USD')).toBe('USD 1,234.50');
    expect(money(0.02688, 'EUR', 4)).toBe('EUR 0.0269');
  });

  it('labels a period by its first and last day (end exclusive)', () => {
    expect(periodLabel('2026-10-21', '2026-11-21')).toBe(
      '21 Oct - 20 Nov 2026',
    );
    expect(periodLabel('2025-12-01', '2026-01-01')).toBe('1 Dec - 31 Dec 2025');
  });

  it('shows days, also of timestamps', () => {
    expect(shortDay('2026-11-25')).toBe('25 Nov');
    expect(shortDay('2026-10-31T00:00:00Z')).toBe('31 Oct');
  });

  it('says how old the data is', () => {
    const now = new Date('2026-11-20T12:00:00Z');
    expect(dataAge('2026-11-20T11:59:30Z', now)).toBe('updated just now');
    expect(dataAge('2026-11-20T11:48:00Z', now)).toBe('updated 12 min ago');
    expect(dataAge('2026-11-20T06:00:00Z', now)).toBe('updated 6 h ago');
    expect(dataAge('2026-11-17T12:00:00Z', now)).toBe('updated 3 days ago');
  });

  it('shortens AWS service names for legends', () => {
    expect(serviceLabel('Amazon Elastic Compute Cloud - Compute')).toBe(
      'EC2 - Compute',
    );
    expect(serviceLabel('Amazon ElastiCache')).toBe('ElastiCache');
    expect(serviceLabel('AWS Data Transfer')).toBe('Data Transfer');
  });
});
