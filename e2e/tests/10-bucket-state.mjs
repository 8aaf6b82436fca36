import { join } from 'node:path';

/**
 * The Operations tab of a bucket shows its live state from the simulated account: replication
 * to the DR bucket in the DR region, lifecycle rules in words, versioning, and the size and
 * object count S3 reports once a day, with the day they are for.
 */
export default async function test({ page, artifacts, open }) {
  await open('/catalog/default/resource/prod-media-bucket/operations');
  await page.getByText('account 410987654321, us-east-1').first().waitFor({ timeout: 60_000 });
  await page
    .getByText(/^enabled: all objects to prod-assets-410987654321-usw2 in us-west-2 \(stored as Standard-IA, deletions replicated\)$/)
    .waitFor({ timeout: 30_000 });
  await page.getByText('Versioning', { exact: true }).waitFor();
  await page
    .getByText('all objects: to Standard-IA after 90 days, to Glacier Instant Retrieval after 180 days; old versions deleted 30 days after being replaced')
    .waitFor();
  await page.getByText('objects under temp/: deleted after 7 days').waitFor();
  const asOf = page.getByTestId('fact-as-of').first();
  await asOf.waitFor();
  const asOfText = (await asOf.textContent()) ?? '';
  if (!/as of \d{1,2} \w{3} \d{4} \(UTC day\), the latest S3 has reported: it reports storage once a day/.test(asOfText)) {
    throw new Error(`size without the day it is for: "${asOfText}"`);
  }
  await page.getByText(/^\d+(\.\d)? TB \(Standard /).waitFor();
  const link = page.getByText('Open in the AWS console').first();
  const href = await link.evaluate(a => a.closest('a')?.getAttribute('href'));
  if (!href?.startsWith('https://s3.console.aws.amazon.com/s3/buckets/prod-assets-410987654321')) {
    throw new Error(`console link is not the bucket's: ${href}`);
  }
  await page.screenshot({ path: join(artifacts, 'ops-state-bucket.png'), fullPage: true });
}
