import type { Plan } from './plan.entity.js';
import { toPlanResponse } from './plan.mapper.js';

const plan = (overrides: Partial<Plan> = {}): Plan =>
  Object.assign({} as Plan, {
    id: 'p-1',
    facilityId: 'f-1',
    victimRef: 'V-12345678',
    status: 'active',
    reviewDueOn: '2026-11-24',
    version: 1,
    createdBy: 'staff',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  });

describe('toPlanResponse', () => {
  const now = new Date('2026-11-25T10:00:00Z');

  it('marks an active plan whose review date has passed as overdue', () => {
    expect(toPlanResponse(plan(), [], now).reviewOverdue).toBe(true);
  });

  it('does not mark a plan due today, or a closed plan, as overdue', () => {
    expect(toPlanResponse(plan({ reviewDueOn: '2026-11-25' }), [], now).reviewOverdue).toBe(false);
    expect(toPlanResponse(plan({ status: 'closed' }), [], now).reviewOverdue).toBe(false);
  });
});
