import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import { CatalogInventoryService } from './InventoryService';

describe('CatalogInventoryService', () => {
  it('shares one catalog read between callers within the cache time', async () => {
    const catalog = catalogServiceMock({ entities: exampleCatalogEntities() });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const service = new CatalogInventoryService(catalog, mockServices.auth(), mockServices.logger.mock(), 60_000);

    const [a, b] = await Promise.all([service.getInventory(), service.getInventory()]);
    await service.getInventory();

    expect(a.environments.map(e => e.name)).toEqual(['dev', 'staging', 'prod']);
    expect(b).toBe(a);
    expect(getEntities).toHaveBeenCalledTimes(1);
  });

  it('does not keep an empty inventory (the catalog still processing at start-up)', async () => {
    const catalog = catalogServiceMock({ entities: [] });
    const getEntities = jest
      .spyOn(catalog, 'getEntities')
      .mockResolvedValueOnce({ items: [] })
      .mockResolvedValueOnce({ items: exampleCatalogEntities() });
    const service = new CatalogInventoryService(catalog, mockServices.auth(), mockServices.logger.mock(), 60_000);

    expect((await service.getInventory()).environments).toEqual([]);
    expect((await service.getInventory()).environments).toHaveLength(3);
    expect(getEntities).toHaveBeenCalledTimes(2);
  });
});
