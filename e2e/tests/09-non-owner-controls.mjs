import { join } from 'node:path';

/**
 * The guest is in platform-team; video-api is owned by video-team. Its ECS rollback button is
 * disabled before any form is filled, and the card says why and whom to ask.
 */
export default async function test({ page, artifacts, open }) {
  await open('/catalog/default/component/video-api/operations');
  const button = page.getByRole('button', { name: 'ECS rollback to the previous task definition' });
  await button.waitFor({ timeout: 60_000 });
  const notice = page.getByTestId('permission-notice');
  await notice.waitFor({ timeout: 30_000 });
  if (await button.isEnabled()) throw new Error('a non-owner must not get an enabled ECS rollback button');
  const text = await notice.textContent();
  const expected = 'You cannot start runbooks on video-api: only the owners of video-api can (video-team).';
  if (!text?.startsWith(expected)) throw new Error(`permission notice says "${text}", expected it to start with "${expected}"`);
  // The reason is also the disabled button's tooltip.
  await button.hover({ force: true });
  await page.getByRole('tooltip').getByText('Only the owners of video-api can do this').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(artifacts, 'non-owner-video-api.png'), fullPage: true });
}
