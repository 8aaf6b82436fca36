import { createRouteRef } from '@backstage/core-plugin-api';

/** The Platform Ops page (/platform-ops). */
export const rootRouteRef = createRouteRef({ id: 'platform-ops' });
